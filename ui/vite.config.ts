/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The build goes into the Python package, which serves it.
const backend = process.env.DESIGNER_BACKEND ?? 'http://127.0.0.1:3333'

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../src/dagster_designer/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: backend, ws: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
