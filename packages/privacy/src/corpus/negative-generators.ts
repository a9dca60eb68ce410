/**
 * Negatives: text that must survive the filter untouched — source code, version numbers, dates,
 * UUIDs, commit hashes, order and ticket numbers, ordinary prose that mentions passwords or keys,
 * URLs and paths, shell commands, and numbers of every other kind.
 */
import { chars, DIGITS, int, LOWER, pick, type Rng } from './random.ts';

const HEX = '0123456789abcdef';
type Gen = (r: Rng) => string;

function uuid(r: Rng): string {
  return `${chars(r, HEX, 8)}-${chars(r, HEX, 4)}-4${chars(r, HEX, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${chars(r, HEX, 3)}-${chars(r, HEX, 12)}`;
}

function date(r: Rng): string {
  const y = int(r, 1990, 2030);
  const m = String(int(r, 1, 12)).padStart(2, '0');
  const d = String(int(r, 1, 28)).padStart(2, '0');
  return pick(r, [
    `${y}-${m}-${d}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${d}.${m}.${y}`,
    `${y}${m}${d}`,
    `${y}-${m}-${d}T${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:00Z`,
  ]);
}

const IDENT = [
  'user',
  'config',
  'items',
  'result',
  'handler',
  'keyboardLayout',
  'tokenizer',
  'passwordField',
  'authorId',
  'sessionCount',
];

export const NEGATIVE_GENERATORS: Record<string, Gen> = {
  'source-code': (r) =>
    pick(r, [
      `const ${pick(r, IDENT)} = await fetch(\`/api/v${int(r, 1, 3)}/${pick(r, IDENT)}\`);`,
      `for (let i = 0; i < ${int(r, 2, 5000)}; i++) { total += values[i] * ${int(r, 2, 99)}; }`,
      `if (password.length < ${int(r, 8, 16)}) throw new Error('password too short');`,
      `def get_api_key(self): return os.environ["API_KEY"]`,
      `password = getpass.getpass("Password: ")`,
      `const secret = process.env.JWT_SECRET;`,
      `token = request.headers.get("Authorization")`,
      `SELECT id, email FROM users WHERE created_at > '${date(r)}' LIMIT ${int(r, 10, 1000)};`,
      `import { createHash } from 'node:crypto'; // sha256 of the key`,
      `let keyboardLayoutName = layouts[${int(r, 0, 40)}].name;`,
      `#define MAX_KEY_LENGTH ${int(r, 16, 4096)}`,
      `private static final int SESSION_TIMEOUT = ${int(r, 60, 86400)};`,
      `assert.equal(hash.length, 64); // hex digest`,
      `password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(${int(r, 10, 14)}))`,
      `<input type="password" name="password" autocomplete="current-password">`,
      `apiKey: string | undefined; // set from config.apiKey`,
    ]),
  'version-number': (r) =>
    pick(r, [
      `upgraded node to v${int(r, 14, 24)}.${int(r, 0, 20)}.${int(r, 0, 9)}`,
      `"typescript": "^${int(r, 4, 7)}.${int(r, 0, 9)}.${int(r, 0, 9)}"`,
      `release ${int(r, 1, 9)}.${int(r, 0, 30)}.${int(r, 0, 99)}-rc.${int(r, 1, 5)} is out`,
      `Chrome ${int(r, 100, 140)}.0.${int(r, 1000, 6999)}.${int(r, 10, 200)}`,
      `kernel 6.${int(r, 1, 12)}.${int(r, 0, 60)}-${int(r, 1, 200)}-generic`,
      `build ${int(r, 20000, 29999)}.${int(r, 1000, 9999)}`,
    ]),
  'date-time': (r) =>
    pick(r, [
      `meeting moved to ${date(r)} at ${int(r, 8, 18)}:${pick(r, ['00', '30'])}`,
      `log from ${date(r)} ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.${chars(r, DIGITS, 3)}`,
      `timestamp ${int(r, 1_500_000_000, 1_800_000_000)}`,
      `epoch ms ${int(r, 1_500_000_000, 1_800_000_000)}${chars(r, DIGITS, 3)}`,
      `due ${date(r)}, reviewed ${date(r)}`,
    ]),
  uuid: (r) =>
    pick(r, [`request id ${uuid(r)}`, `"id": "${uuid(r)}"`, `${uuid(r).toUpperCase()}`, `trace=${uuid(r)}`]),
  'commit-hash': (r) =>
    pick(r, [
      `git cherry-pick ${chars(r, HEX, 40)}`,
      `fixed in ${chars(r, HEX, 7)}`,
      `sha256:${chars(r, HEX, 64)}`,
      `merge ${chars(r, HEX, 12)} into main`,
      `git rebase -i ${chars(r, HEX, 10)}~3`,
    ]),
  'order-ticket-number': (r) =>
    pick(r, [
      `order #${int(r, 100000, 99999999)} shipped`,
      `ticket ${pick(r, ['JIRA', 'OPS', 'SEC', 'INC'])}-${int(r, 1, 99999)}`,
      `invoice INV-${int(r, 2019, 2030)}-${chars(r, DIGITS, 6)}`,
      `PO ${chars(r, DIGITS, 10)} approved`,
      `case ${chars(r, DIGITS, 8)} escalated`,
      `tracking 1Z${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16)}`,
      `customer no. ${chars(r, DIGITS, 7)}`,
    ]),
  'prose-passwords-keys': (r) =>
    pick(r, [
      'Please reset your password before Friday.',
      'The password is too short, it needs a number.',
      'I forgot my password again, can IT help?',
      'Rotate the API keys every 90 days and never commit a secret to git.',
      'Where do we store the signing key for the release builds?',
      'The token expired so the login failed.',
      'Your password must be at least 12 characters long.',
      'The password is stored in the vault, ask Dana.',
      'Use a passphrase instead of a short password.',
      'The key insight is that caching halves the latency.',
      'Press the Enter key to continue.',
      'My PIN is on the card envelope, not here.',
      'Set the password: it is required for the demo account.',
      'Two-factor codes arrive by SMS within a minute.',
      'Our secret sauce is the onboarding flow.',
    ]),
  'url-path': (r) =>
    pick(r, [
      `https://github.com/${pick(r, IDENT)}/${pick(r, IDENT)}/pull/${int(r, 1, 9999)}`,
      `https://docs.example.com/v${int(r, 1, 3)}/keys/rotate?page=${int(r, 1, 50)}`,
      `/home/${chars(r, LOWER, 6)}/.ssh/id_ed25519.pub`,
      `C:\\Users\\${chars(r, LOWER, 5)}\\AppData\\Local\\Temp\\${chars(r, DIGITS, 6)}.tmp`,
      `s3://bucket-${chars(r, LOWER, 6)}/exports/${date(r)}/part-${chars(r, DIGITS, 5)}.parquet`,
      `http://localhost:${int(r, 3000, 9999)}/health`,
    ]),
  'shell-command': (r) =>
    pick(r, [
      `ls -la /var/log | grep ${pick(r, IDENT)}`,
      `docker run -p ${int(r, 3000, 9000)}:${int(r, 3000, 9000)} app:${int(r, 1, 9)}.${int(r, 0, 9)}`,
      `kubectl get pods -n ${chars(r, LOWER, 6)} --sort-by=.metadata.creationTimestamp`,
      `git commit -m "fix password validation message"`,
      `npm install --save-dev vitest@${int(r, 1, 4)}.${int(r, 0, 9)}.${int(r, 0, 9)}`,
      `chmod 600 ~/.ssh/id_rsa && ssh-add -l`,
      `export NODE_ENV=production`,
      `psql -h db.internal -U app -d crm -c "select count(*) from orders"`,
      `tar -czf backup-${date(r)}.tar.gz ./data`,
    ]),
  'numbers-misc': (r) =>
    pick(r, [
      `total ${int(r, 1000, 999999)}.${chars(r, DIGITS, 2)} EUR`,
      `${int(r, 10, 99)}% of ${int(r, 1000, 99999)} requests`,
      `IP 10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)} port ${int(r, 1, 65535)}`,
      `pi is 3.${chars(r, DIGITS, 12)}`,
      `dimensions ${int(r, 100, 4000)}x${int(r, 100, 4000)}`,
      `room ${int(r, 100, 999)}, floor ${int(r, 1, 40)}`,
      `population ${int(r, 1, 999)},${chars(r, DIGITS, 3)},${chars(r, DIGITS, 3)}`,
      `latency p99 ${int(r, 1, 999)} ms over ${int(r, 10000, 9999999)} samples`,
      `ISBN 978-${int(r, 0, 9)}-${chars(r, DIGITS, 3)}-${chars(r, DIGITS, 5)}-${int(r, 0, 9)}`,
    ]),
};

export const NEGATIVE_CATEGORIES = Object.keys(NEGATIVE_GENERATORS);
