/**
 * A Vite plugin that writes `file.br` (Brotli, quality 11) and `file.gz` (gzip, level 9) beside
 * every text file of the build, for nginx's `brotli_static` and `gzip_static` (deploy/nginx.conf):
 * the best compression, paid once at build time instead of level 1 on every request.
 * Left out: `index.html` (nginx rewrites its <base href> on the way out, which needs the plain
 * file) and `config.json` (edited after the build; a stale .gz beside it would win).
 */
import type { Plugin } from 'vite'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|map|webmanifest)$/
const LEFT_OUT = new Set(['index.html', 'config.json'])
/** Below this, compression saves less than a packet. */
const MIN_BYTES = 512

/** Every file under `dir` except the build's own metadata (.vite/). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === '.vite' ? [] : filesUnder(path)
    return [path]
  })
}

/** Writes the .br and .gz files for `outDir`; returns how many files were compressed. */
export function precompressDir(outDir: string): number {
  let count = 0
  for (const file of filesUnder(outDir)) {
    const name = relative(outDir, file)
    if (!COMPRESSIBLE.test(file) || LEFT_OUT.has(name) || statSync(file).size < MIN_BYTES)
      continue
    const plain = readFileSync(file)
    const br = brotliCompressSync(plain, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
      },
    })
    const gz = gzipSync(plain, { level: 9 })
    // nginx serves whichever exists; one that saves nothing is not written.
    if (br.length < plain.length)
      writeFileSync(`${file}.br`, br)
    if (gz.length < plain.length)
      writeFileSync(`${file}.gz`, gz)
    count++
  }
  return count
}

/** The plugin: compresses the output folder once the bundle is written (production builds only). */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'dialog-desk:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        precompressDir(outDir)
      },
    },
  }
}
