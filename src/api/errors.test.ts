import { describe, expect, it } from 'vitest'
import { ApiError, parseErrorBody } from './errors'

describe('parseErrorBody', () => {
  it('reads errors as an array', () => {
    expect(parseErrorBody({ errors: ['Unauthorized'] })).toEqual({ messages: ['Unauthorized'], fieldErrors: {}, code: null })
  })

  it('reads errors.base', () => {
    expect(parseErrorBody({ errors: { base: ['Forbidden. Need user.'] } }).messages).toEqual(['Forbidden. Need user.'])
  })

  it('reads a field map under errors', () => {
    const parsed = parseErrorBody({ errors: { name: ['is too long'], base: ['Invalid'] } })
    expect(parsed.fieldErrors).toEqual({ name: ['is too long'] })
    expect(parsed.messages).toEqual(['Invalid', 'name is too long'])
  })

  it('reads a top-level field map', () => {
    const parsed = parseErrorBody({ type: ['is wrong.'] })
    expect(parsed.fieldErrors).toEqual({ type: ['is wrong.'] })
    expect(parsed.messages).toEqual(['type is wrong.'])
  })

  it('reads {code, message}', () => {
    expect(parseErrorBody({ code: null, message: 'Couldn\'t find user' })).toEqual({ messages: ['Couldn\'t find user'], fieldErrors: {}, code: null })
    expect(parseErrorBody({ code: 42, message: 'Nope' }).code).toBe(42)
  })

  it('reads JSON text and tolerates empty or non-JSON bodies', () => {
    expect(parseErrorBody('{"errors":["The resource wasn\'t found"]}').messages).toEqual(['The resource wasn\'t found'])
    expect(parseErrorBody('').messages).toEqual([])
    expect(parseErrorBody('<html>502</html>').messages).toEqual([])
    expect(parseErrorBody(null).messages).toEqual([])
    expect(parseErrorBody({ unexpected: { deep: 1 } }).messages).toEqual([])
  })

  it('reads errors as a single string', () => {
    expect(parseErrorBody({ errors: 'Bad' }).messages).toEqual(['Bad'])
  })
})

describe('ApiError', () => {
  it('falls back to a readable message per status and kind', () => {
    expect(new ApiError({ kind: 'http', status: 401 }).message).toMatch(/API key/)
    expect(new ApiError({ kind: 'network' }).message).toMatch(/reach the server/)
    expect(new ApiError({ kind: 'timeout' }).message).toMatch(/in time/)
    expect(new ApiError({ kind: 'http', status: 418 }).message).toMatch(/418/)
  })

  it('knows which failures are transient', () => {
    expect(new ApiError({ kind: 'http', status: 503 }).transient).toBe(true)
    expect(new ApiError({ kind: 'http', status: 429 }).transient).toBe(true)
    expect(new ApiError({ kind: 'network' }).transient).toBe(true)
    expect(new ApiError({ kind: 'http', status: 404 }).transient).toBe(false)
    expect(new ApiError({ kind: 'abort' }).transient).toBe(false)
  })
})
