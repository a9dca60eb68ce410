/** Vite bundles imported stylesheets into a file of their own (the CSP allows no inline style). */
declare module '*.css';
