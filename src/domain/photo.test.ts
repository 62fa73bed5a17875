import { describe, expect, it } from 'vitest'
import { ownPhotoHosts, photoSource } from './photo'

const OWN = ['desk.example.org', 'api.example.org:8443']

describe('photoSource', () => {
  it('empty, file IDs and bad values need nothing loaded', () => {
    expect(photoSource('', OWN)).toEqual({ kind: 'none' })
    expect(photoSource('  ', OWN)).toEqual({ kind: 'none' })
    expect(photoSource(null, OWN)).toEqual({ kind: 'none' })
    expect(photoSource(' 67834 ', OWN)).toEqual({ kind: 'file-id', id: '67834' })
    expect(photoSource('not a photo', OWN)).toEqual({ kind: 'invalid' })
    expect(photoSource('ftp://files.example.com/a.png', OWN)).toEqual({ kind: 'invalid' })
    expect(photoSource('javascript:alert(1)', OWN)).toEqual({ kind: 'invalid' })
  })

  it('another site is external, with its host named', () => {
    expect(photoSource('https://tracker.example.net/p.png?u=1', OWN)).toEqual({ kind: 'external', url: 'https://tracker.example.net/p.png?u=1', host: 'tracker.example.net' })
    expect(photoSource('http://203.0.113.9:8080/p.png', OWN)).toMatchObject({ kind: 'external', host: '203.0.113.9:8080' })
    // A look-alike of QuickBlox is still another site.
    expect(photoSource('https://quickblox.com.evil.example/p.png', OWN)).toMatchObject({ kind: 'external', host: 'quickblox.com.evil.example' })
    expect(photoSource('https://notquickblox.com/p.png', OWN)).toMatchObject({ kind: 'external' })
  })

  it('QuickBlox, its content bucket, the desk and its API load at once; so does an inline image', () => {
    for (const url of [
      'https://api.quickblox.com/blobs/abc',
      'https://apionblick.quickblox.com/blobs/abc',
      'https://qbprod.s3.amazonaws.com/abc',
      'https://desk.example.org/favicon.svg',
      'https://api.example.org:8443/blobs/1',
    ])
      expect(photoSource(url, OWN)).toMatchObject({ kind: 'own' })
    expect(photoSource('data:image/png;base64,iVBORw0KGgo=', OWN)).toMatchObject({ kind: 'own' })
  })
})

describe('ownPhotoHosts', () => {
  it('the page and an absolute or relative API base', () => {
    expect(ownPhotoHosts('https://desk.example.org/dialogs/1', '/api')).toEqual(['desk.example.org'])
    expect(ownPhotoHosts('http://127.0.0.1:4173/x', 'https://api.quickblox.com')).toEqual(['127.0.0.1:4173', 'api.quickblox.com'])
  })
})
