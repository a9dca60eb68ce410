/**
 * @steno/extension: the Chromium (Manifest V3) extension for browser capture. The browser code is
 * bundled by `buildExtension`; this entry exports what Node needs: the build and the scope rules.
 */
export {
  type BuildOptions,
  buildExtension,
  DEFAULT_OUT_DIR,
  extensionIdFromKey,
  manifest,
} from './build-extension.ts';
export { cutUrl, decideSite, type SiteDecision, type SiteRuleView, webOrigin } from './site-scope.ts';
