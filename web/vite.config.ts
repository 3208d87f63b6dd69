import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA lives in web/; `npm run build` writes web/dist, which the Fastify server serves.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd is ~1.3 MB minified on its own (Steps, Upload, Statistic, Drawer…); it gets its own long-cached chunk.
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "antd", test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+)[\\/]/ },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // Charts load with the dashboard only, not with the first page.
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: "vendor", test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev:web` next to `npm start`; CANBO_API points elsewhere (e.g. http://127.0.0.1:3100).
    proxy: { "/api": { target: process.env.CANBO_API ?? "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
