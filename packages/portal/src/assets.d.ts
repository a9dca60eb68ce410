/** Vite bundles imported stylesheets into a file of their own (the CSP allows no inline style). */
declare module '*.css';
/** `?raw` imports: a file's text, bundled as a string (the example dataset spec). */
declare module '*?raw' {
  const text: string;
  export default text;
}
