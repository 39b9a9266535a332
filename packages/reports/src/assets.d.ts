// Vite's `?url` imports (vite/client declares them for the web app; this for the package's own typecheck).
declare module "*.ttf?url" {
  const url: string;
  export default url;
}
