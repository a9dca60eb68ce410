#!/usr/bin/env node
/**
 * Builds the agent's Debian package: `npm run build:deb` (after `npm run build`).
 *
 *   node scripts/build-deb.mjs [--out DIR] [--version X.Y.Z]
 *
 * The package holds the agent only, as built JavaScript, with the third-party packages it needs
 * copied from this checkout's node_modules (so the native input hook is the one built here for
 * this Node ABI); the system's Node.js (package nodejs ≥ 20.19) runs it. It installs:
 *   /usr/bin/steno-agent                              the command
 *   /usr/lib/steno-agent/                             the agent, its dependencies, the native host
 *   /usr/lib/systemd/user/steno-agent.service        the systemd user service (enabled globally)
 *   /etc/xdg/autostart/steno-agent.desktop            started with every desktop session
 *   /usr/share/applications/steno-agent.desktop       "Steno agent status" in the menu
 *   /etc/chromium/native-messaging-hosts/, /etc/opt/chrome/native-messaging-hosts/
 *                                                     the browser extension's bridge to the agent
 *   /usr/share/steno-agent/extension/                 the unpacked browser extension
 *   /usr/share/doc/steno-agent/                       README, an example fleet policy file
 * The extension's id comes from STENO_EXTENSION_KEY (base64 SPKI, the organisation's key); without
 * it a key pair is made for this build and its private half written beside the package (0600).
 * dpkg-deb builds it (root-owned files, gzip).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
if (process.argv.includes('--help')) {
  process.stdout.write(
    'usage: node scripts/build-deb.mjs [--out DIR] [--version X.Y.Z]\n  builds steno-agent_VERSION_amd64.deb (run npm run build first)\n',
  );
  process.exit(0);
}
const OUT = arg('out', join(ROOT, 'build'));
const VERSION = arg('version', JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
/** The agent and the workspace packages it needs at run time. */
const STENO = ['agent', 'frames', 'privacy', 'protocol'];
const PREFIX = '/usr/lib/steno-agent';
const NODE_MODULES = join(ROOT, 'node_modules');

function fail(message) {
  process.stderr.write(`build-deb: ${message}\n`);
  process.exit(1);
}

for (const name of STENO)
  if (!existsSync(join(ROOT, 'packages', name, 'dist', 'index.js')))
    fail(`packages/${name}/dist is missing: run npm run build first`);

const stage = join(OUT, `steno-agent_${VERSION}_amd64`);
rmSync(stage, { recursive: true, force: true });
const lib = join(stage, PREFIX.slice(1));
mkdirSync(join(lib, 'node_modules', '@steno'), { recursive: true });
const pkgOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

// 1. The workspace packages: package.json and dist/ (no sources, no build info).
const thirdParty = new Set();
for (const name of STENO) {
  const from = join(ROOT, 'packages', name);
  const to = join(lib, 'node_modules', '@steno', name);
  cpSync(join(from, 'dist'), join(to, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.tsbuildinfo'),
  });
  const pkg = pkgOf(from);
  // Only the built entries: the sources are not shipped.
  pkg.exports = Object.fromEntries(
    Object.entries(pkg.exports).map(([path, { development: _sources, ...built }]) => [path, built]),
  );
  delete pkg.devDependencies;
  if (pkg.bin) cpSync(join(from, 'bin'), join(to, 'bin'), { recursive: true });
  writeFileSync(join(to, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const dep of Object.keys(pkg.dependencies ?? {})) if (!dep.startsWith('@steno/')) thirdParty.add(dep);
}

// 2. Their third-party dependencies, transitively, from this checkout (as npm laid them out).
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dir === dirname(dir)) return undefined;
  }
}
const copied = new Set();
const queue = [...thirdParty].map((name) => ({ name, from: ROOT, optional: false }));
while (queue.length > 0) {
  const { name, from, optional } = queue.shift();
  const dir = locate(name, from);
  if (!dir) {
    if (optional) continue;
    fail(`dependency ${name} (needed from ${relative(ROOT, from) || '.'}) is not installed`);
  }
  const real = realpathSync(dir);
  if (copied.has(real)) continue;
  copied.add(real);
  const rel = relative(NODE_MODULES, dir);
  if (rel.startsWith('..')) fail(`${name} resolves outside node_modules (${dir})`);
  cpSync(real, join(lib, 'node_modules', rel), { recursive: true, dereference: true });
  const pkg = pkgOf(real);
  for (const dep of Object.keys(pkg.dependencies ?? {}))
    queue.push({ name: dep, from: dir, optional: false });
  for (const dep of Object.keys(pkg.optionalDependencies ?? {}))
    queue.push({ name: dep, from: dir, optional: true });
}
writeFileSync(
  join(lib, 'package.json'),
  `${JSON.stringify({ name: 'steno-agent-install', version: VERSION, private: true, type: 'module' }, null, 2)}\n`,
);

// 3. The browser extension (its id fixed by the organisation's key) and the native host.
let key = process.env.STENO_EXTENSION_KEY;
mkdirSync(OUT, { recursive: true });
if (!key) {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  key = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const keyFile = join(OUT, `steno-extension-${VERSION}.pem`);
  writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  process.stdout.write(`build-deb: no STENO_EXTENSION_KEY: made one; its private key is ${keyFile}\n`);
}
const ext = await import(pathToFileURL(join(ROOT, 'packages/extension/dist/build-extension.js')).href);
const extensionId = ext.extensionIdFromKey(key);
await ext.buildExtension({ key, outDir: join(stage, 'usr/share/steno-agent/extension'), minify: true });
const hostMain = `${PREFIX}/node_modules/@steno/agent/dist/browser/native-host-main.js`;
const hostLauncher = `${PREFIX}/native-host`;
writeFileSync(
  join(stage, hostLauncher.slice(1)),
  [
    '#!/bin/sh',
    '# Steno native messaging host: started by Chromium for the Steno extension only.',
    `exec /usr/bin/node ${hostMain} --data-dir "\${STENO_AGENT_DIR:-$HOME/.steno-agent}" --allow chrome-extension://${extensionId}/ "$@"`,
    '',
  ].join('\n'),
  { mode: 0o755 },
);
const hostManifest = `${JSON.stringify(
  {
    name: 'com.steno.agent',
    description: 'Steno agent bridge for the Steno browser extension',
    path: hostLauncher,
    type: 'stdio',
    allowed_origins: [`chrome-extension://${extensionId}/`],
  },
  null,
  2,
)}\n`;
for (const dir of ['etc/chromium/native-messaging-hosts', 'etc/opt/chrome/native-messaging-hosts']) {
  mkdirSync(join(stage, dir), { recursive: true });
  writeFileSync(join(stage, dir, 'com.steno.agent.json'), hostManifest);
}

// 4. The command, the user service, the autostart and menu entries, the docs.
const files = {
  'usr/bin/steno-agent': [
    '#!/bin/sh',
    '# Steno agent: records this desktop for the capture program, always visibly (see steno-agent --help).',
    `exec /usr/bin/node ${PREFIX}/node_modules/@steno/agent/bin/steno-agent.js "$@"`,
    '',
  ],
  'usr/lib/systemd/user/steno-agent.service': [
    '[Unit]',
    'Description=Steno agent (records this desktop for the capture program; always shows that it runs)',
    'Documentation=man:steno-agent(1) file:///usr/share/doc/steno-agent/README',
    'PartOf=graphical-session.target',
    'After=graphical-session.target',
    '',
    '[Service]',
    'Type=simple',
    'ExecStart=/usr/bin/steno-agent run',
    'Restart=on-failure',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=graphical-session.target',
    '',
  ],
  'etc/xdg/autostart/steno-agent.desktop': [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Steno agent',
    'Comment=Records this desktop for the capture program; shows that it runs at all times',
    'Exec=/usr/bin/steno-agent run',
    'Icon=media-record',
    'Terminal=false',
    'NoDisplay=true',
    // Where the systemd user service runs the agent, the session does not start it twice.
    'X-GNOME-HiddenUnderSystemd=true',
    'X-GNOME-Autostart-Phase=Applications',
    '',
  ],
  'usr/share/applications/steno-agent.desktop': [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Steno agent status',
    'Comment=What the Steno agent records now; pause, forget',
    'Exec=/usr/bin/steno-agent open --browser',
    'Icon=media-record',
    'Terminal=false',
    'Categories=Utility;',
    '',
  ],
  'usr/share/doc/steno-agent/agent.json.example': [
    JSON.stringify({ server: 'https://steno.example.org', holdback: '5m', frames: true }, null, 2),
    '',
  ],
  'usr/share/doc/steno-agent/README': [
    'Steno agent',
    '',
    'Enrol once with the single-use token your privacy officer gave you:',
    '  steno-agent enrol TOKEN --server https://steno.example.org',
    'or have your administrator drop /etc/steno/agent.json (see agent.json.example here).',
    'The agent starts with your desktop session (XDG autostart, or the systemd user service',
    'steno-agent.service) and always shows a notification saying what it records, with Pause,',
    'Forget last 10 min and Status. It does not record when that notification cannot be shown.',
    `The browser extension is in /usr/share/steno-agent/extension (id ${extensionId}).`,
    '',
  ],
};
for (const [path, lines] of Object.entries(files)) {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  writeFileSync(join(stage, path), lines.join('\n'));
}
chmodSync(join(stage, 'usr/bin/steno-agent'), 0o755);
writeFileSync(
  join(stage, 'usr/share/doc/steno-agent/copyright'),
  [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: steno-agent',
    '',
    'Files: *',
    'Copyright: the Steno authors',
    'License: proprietary',
    ` The third-party packages under ${PREFIX}/node_modules keep their own licences,`,
    ' each in its folder.',
    '',
  ].join('\n'),
);

// 5. Debian control files.
const installedKb = Number(execFileSync('du', ['-sk', stage]).toString().split('\t')[0]);
mkdirSync(join(stage, 'DEBIAN'), { recursive: true });
writeFileSync(
  join(stage, 'DEBIAN/control'),
  [
    'Package: steno-agent',
    `Version: ${VERSION}`,
    'Architecture: amd64',
    'Maintainer: Steno <steno@example.org>',
    `Installed-Size: ${installedKb}`,
    'Depends: nodejs (>= 20.19)',
    'Recommends: dbus-user-session | dbus-x11, notification-daemon | dunst | gnome-shell | plasma-workspace, xdg-utils',
    'Section: utils',
    'Priority: optional',
    'Homepage: https://steno.example.org',
    'Description: Steno agent: consented, visible capture of computer use',
    ' Records keystrokes, mouse actions, the focused application and occasional',
    ' screenshots within a scope signed by the server, filters private data on the',
    ' machine, and uploads it encrypted. It always shows a notification saying what it',
    ' records, with pause and forget, and does not record when it cannot show it.',
    '',
  ].join('\n'),
);
const script = (lines) => `#!/bin/sh\nset -e\n${lines.join('\n')}\n`;
writeFileSync(
  join(stage, 'DEBIAN/postinst'),
  script([
    'if [ "$1" = configure ] && command -v systemctl >/dev/null 2>&1; then',
    '  systemctl --global enable steno-agent.service >/dev/null 2>&1 || true',
    'fi',
  ]),
  { mode: 0o755 },
);
writeFileSync(
  join(stage, 'DEBIAN/prerm'),
  script([
    'if [ "$1" = remove ] && command -v systemctl >/dev/null 2>&1; then',
    '  systemctl --global disable steno-agent.service >/dev/null 2>&1 || true',
    'fi',
  ]),
  { mode: 0o755 },
);
const deb = join(OUT, `steno-agent_${VERSION}_amd64.deb`);
execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', stage, deb], { stdio: 'inherit' });
rmSync(stage, { recursive: true, force: true });
process.stdout.write(
  `build-deb: ${relative(ROOT, deb) || deb} (${copied.size} third-party packages, ${installedKb} kB installed, extension id ${extensionId})\n`,
);
