import type { DB } from './db'
import { seedDemoBlobs } from './demoFiles'
import { hashPassword } from './passwords'
import { IdGenerator, prng } from './util'

/** Fixed base time (2025-01-06T09:00:00Z) so demo data never shifts with the wall clock. */
export const SEED_EPOCH = 1736154000
export const SEED_PASSWORD = 'dialogdesk'
export const FIRST_USER_ID = 1001
export const SEED_USERS = 50

const FIRST = ['Alice', 'Bob', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf']
const LAST = ['Martin', 'Okafor', 'Novak', 'Silva', 'Kowalski', 'Haddad', 'Lindqvist', 'Tanaka', 'Moreau', 'Fischer']
const TAGS = ['support', 'sales', 'beta', 'vip', 'staff', 'mobile', 'web']
const TOPICS = ['Release planning', 'Customer escalations', 'Book club', 'Office move', 'Marketing sync', 'Android crew', 'iOS crew', 'Design critique', 'Onboarding', 'Quarterly goals', 'Travel desk', 'Lunch orders', 'Security review', 'Hackathon', 'Data science', 'Infra on-call', 'QA triage', 'Partner success', 'Recruiting', 'Football fans']
const PUBLIC_TOPICS = ['Product news', 'Community lounge', 'Tips and tricks', 'Feature requests', 'Status updates', 'Random', 'Job board', 'Events']
const LINES = [
  'Good morning everyone!', 'Can someone review the latest draft?', 'I pushed the fix, please take a look.', 'Meeting moved to 3pm.',
  'Thanks, that works for me.', 'Who is on call this weekend?', 'The build is green again.', 'Let\'s sync tomorrow.',
  'Uploading the screenshots now.', 'Great job on the demo!', 'Any update on the ticket?', 'I will be out of office on Friday.',
  'Does anyone have the slides?', 'Sounds good 👍', 'Customer confirmed the issue is resolved.', 'Please check the attached file.',
  'Lunch at noon?', 'We need one more reviewer.', 'The deadline is next Tuesday.', 'Happy birthday! 🎉',
  'Can we move this to the group chat?', 'I have a question about the invoice.', 'Deploy finished without errors.', 'See you all at the offsite.',
]

interface SeedDialog {
  type: 1 | 2 | 3
  name: string | null
  owner: number
  occupants: number[]
  admins: number[]
  photo: string | null
  data: Record<string, string> | null
  isJoinRequired: 0 | 1 | null
  messages: number
}

/** A believable, deterministic demo app: 50 users, ~300 dialogs, a few thousand messages. */
export function seedDemo(db: DB): void {
  const rand = prng(20250106)
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const users = Array.from({ length: SEED_USERS }, (_, i) => FIRST_USER_ID + i)
  const sample = (count: number, exclude: number[] = []): number[] => {
    const pool = users.filter(u => !exclude.includes(u))
    const out: number[] = []
    while (out.length < count && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!)
    return out
  }
  const ids = new IdGenerator('5eedda7a00', 0)

  const insertUser = db.prepare(`INSERT INTO users(id, login, email, full_name, phone, website, password_hash, external_user_id, custom_data, user_tags, created_at, updated_at, last_request_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertDialog = db.prepare(`INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required, class_name, data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertOccupant = db.prepare('INSERT OR IGNORE INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?)')
  const insertAdmin = db.prepare('INSERT OR IGNORE INTO dialog_admins(dialog_id, user_id) VALUES (?, ?)')
  const insertMessage = db.prepare(`INSERT INTO messages(id, dialog_id, sender_id, recipient_id, message, date_sent, created_at, updated_at, attachments, custom, markable)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertRead = db.prepare('INSERT OR IGNORE INTO message_reads(message_id, user_id, dialog_id) VALUES (?, ?, ?)')
  const insertDelivered = db.prepare('INSERT OR IGNORE INTO message_delivered(message_id, user_id) VALUES (?, ?)')
  const setLast = db.prepare('UPDATE dialogs SET last_message = ?, last_message_date_sent = ?, last_message_id = ?, last_message_user_id = ?, updated_at = ? WHERE id = ?')

  const names = new Map<number, string>()
  const dialogs: SeedDialog[] = []
  const group = (name: string, owner: number, members: number[], admins: number[], extra: Partial<SeedDialog> = {}) =>
    dialogs.push({ type: 2, name, owner, occupants: [owner, ...members, ...admins], admins, photo: null, data: null, isJoinRequired: 0, messages: int(5, 25), ...extra })

  // Fixed dialogs the end-to-end tests rely on (user 1001 as owner, admin, plain occupant).
  group('All hands', 1001, users, [1002, 1003], { messages: 400, photo: '70001' })
  group('Dialog Desk team', 1001, [1004, 1005, 1006, 1007], [1004], { data: { class_name: 'ProjectRoom', project: 'Dialog Desk', priority: 'high', budget: '12000' } })
  dialogs.push({ type: 1, name: 'Announcements', owner: 1001, occupants: [], admins: [1005], photo: '70002', data: null, isJoinRequired: null, messages: 12 })
  group('Design review', 1002, [1006, 1007, 1008, 1009], [1001])
  group('Weekend hikers', 1003, [1001, 1011, 1012, 1013], [1010])
  group('Support ticket #4821', 1004, [1001, 1014], [1014], { data: { class_name: 'SupportTicket', ticket_id: '4821', status: 'open', severity: 'major' } })
  group('Empty room', 1001, [1002, 1015], [], { messages: 0 })
  group('Join required', 1001, [1016, 1017], [1016], { isJoinRequired: 1, messages: 3 })
  for (const opponent of [1002, 1003, 1004, 1005, 1006])
    dialogs.push({ type: 3, name: null, owner: 1001, occupants: [1001, opponent], admins: [], photo: null, data: null, isJoinRequired: null, messages: int(3, 20) })

  while (dialogs.length < 300) {
    const roll = rand()
    const owner = pick(users)
    if (roll < 0.4) {
      const [opponent] = sample(1, [owner])
      dialogs.push({ type: 3, name: null, owner, occupants: [owner, opponent!], admins: [], photo: null, data: null, isJoinRequired: null, messages: rand() < 0.1 ? 0 : int(1, 15) })
    }
    else if (roll < 0.87) {
      const members = sample(int(2, 11), [owner])
      const admins = rand() < 0.45 ? members.slice(0, int(1, 2)) : []
      const classRoll = rand()
      const data: Record<string, string> | null = classRoll < 0.12
        ? { class_name: 'ProjectRoom', project: pick(TOPICS), priority: pick(['low', 'normal', 'high']), budget: String(int(1, 50) * 1000) }
        : classRoll < 0.2 ? { class_name: 'SupportTicket', ticket_id: String(int(1000, 9999)), status: pick(['open', 'pending', 'closed']), severity: pick(['minor', 'major', 'critical']) } : null
      group(`${pick(TOPICS)} ${dialogs.length}`, owner, members, admins, {
        photo: rand() < 0.5 ? String(70100 + dialogs.length) : null,
        data,
        isJoinRequired: rand() < 0.2 ? 1 : 0,
        messages: rand() < 0.1 ? 0 : int(1, 20),
      })
    }
    else {
      dialogs.push({ type: 1, name: `${pick(PUBLIC_TOPICS)} ${dialogs.length}`, owner, occupants: [], admins: rand() < 0.5 ? sample(1, [owner]) : [], photo: rand() < 0.6 ? String(70500 + dialogs.length) : null, data: null, isJoinRequired: null, messages: rand() < 0.15 ? 0 : int(1, 15) })
    }
  }

  // One scrypt for all: every demo user has the same published password, and 50 hashes would add seconds to each start.
  const passwordHash = hashPassword(SEED_PASSWORD)
  db.transaction(() => {
    users.forEach((id, i) => {
      const first = FIRST[i % FIRST.length]!
      const last = LAST[Math.floor(i / FIRST.length) * 3 % LAST.length]!
      const login = `${first}.${last}`.toLowerCase()
      names.set(id, `${first} ${last}`)
      const created = SEED_EPOCH - 86400 * (400 - i * 3)
      insertUser.run(id, login, `${login}@example.com`, `${first} ${last}`, i % 3 === 0 ? `+1555010${String(i).padStart(4, '0')}` : null,
        i % 7 === 0 ? `https://example.com/~${login}` : null, passwordHash, i % 5 === 0 ? 900000 + id : null,
        i % 4 === 0 ? JSON.stringify({ department: pick(['Support', 'Sales', 'Engineering', 'Design']) }) : null,
        [pick(TAGS), pick(TAGS)].filter((t, k, a) => a.indexOf(t) === k).join(','), created, created + 3600, SEED_EPOCH + int(0, 86400 * 30))
    })

    let clock = SEED_EPOCH - 86400 * 60
    dialogs.forEach((d, index) => {
      clock += int(60, 3600)
      const id = ids.next(clock)
      const occupants = [...new Set(d.occupants)]
      const name = d.type === 3 ? names.get(occupants.find(u => u !== d.owner)!) ?? null : d.name
      insertDialog.run(id, d.type, name, d.photo, d.owner, clock, clock, d.type === 2 ? d.isJoinRequired : null, d.data?.class_name ?? null, d.data ? JSON.stringify(d.data) : null)
      for (const u of occupants) insertOccupant.run(id, u)
      for (const u of d.admins) insertAdmin.run(id, u)
      const speakers = d.type === 1 ? [d.owner, ...sample(6, [d.owner])] : occupants
      let sent = clock + int(30, 600)
      let last: [string, string | null, number, number] | undefined
      for (let m = 0; m < d.messages; m++) {
        sent += int(20, index === 0 ? 4000 : 20000)
        const sender = pick(speakers)
        const mid = ids.next(sent)
        const withAttachment = rand() < 0.08
        const attachments = withAttachment
          ? JSON.stringify([rand() < 0.7
              ? { type: 'image', id: String(80000 + m), name: `photo-${m}.jpg`, size: int(20000, 900000), content_type: 'image/jpeg' }
              : { type: 'file', id: String(81000 + m), name: `report-${m}.pdf`, size: int(20000, 900000), content_type: 'application/pdf' }])
          : null
        const text = withAttachment && rand() < 0.4 ? null : pick(LINES)
        const edited = rand() < 0.1
        const custom = rand() < 0.05 ? JSON.stringify({ is_pinned: 'true' }) : null
        const recipient = d.type === 3 ? occupants.find(u => u !== sender) ?? 0 : 0
        insertMessage.run(mid, id, sender, recipient, edited && text ? `${text} (edited)` : text, sent, sent, edited ? sent + int(60, 3600) : sent, attachments, custom, rand() < 0.5 ? 1 : 0)
        const others = occupants.filter(u => u !== sender)
        const isRecent = m >= d.messages - 3
        for (const u of others) {
          const r = rand()
          if (r < (isRecent ? 0.4 : 0.9)) { insertDelivered.run(mid, u); if (r < (isRecent ? 0.25 : 0.8)) insertRead.run(mid, u, id) }
        }
        last = [mid, text, sent, sender]
      }
      if (last) setLast.run(last[1], last[2], last[0], last[3], last[2], id)
    })
  })()
  // After the messages, and without the PRNG, so the rest of the demo data stays as it was.
  seedDemoBlobs(db, SEED_EPOCH)
}
