/** The domain layer: QuickBlox chat rules as plain functions (no Vue, no HTTP). */
export * from './actor'
export * from './permissions'
export * from './dialogDiff'
export * from './idList'
export * from './validation'
export * from './errors'
export * from './format'
export * from './searchTerm'
