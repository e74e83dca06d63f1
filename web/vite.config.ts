import { defineConfig } from "vite";

// The config sits in web/: build from there whatever the working directory.
const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

// No React plugin: Vite 8 (Oxc) compiles TSX with the automatic JSX runtime itself, and the app is served as built
// static files, so Fast Refresh is not needed.
export default defineConfig({
  root,
  base: "/",
  publicDir: "public",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsDir: "assets",
    reportCompressedSize: true,
  },
  server: {
    // `npx vite web` during development: the API runs on `npm start`.
    proxy: { "/v1": "http://127.0.0.1:3000" },
  },
});
