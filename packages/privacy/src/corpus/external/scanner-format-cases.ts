/**
 * Token formats as a widely used secret scanner publishes them (gitleaks, MIT:
 * config/gitleaks.toml, one rule per format: prefix, alphabet and length of the body), plus the
 * formats the issue found leaking, from the vendors' own documentation. For each format the
 * corpus holds one value built from that published shape (seeded, so the corpus is stable) in a
 * typical line, and a near miss: the prefix with a body far too short, which must stay.
 */
import { type Rng, seeded } from '../random.ts';
import type { ExternalCase } from './external-case.ts';

const ALPHA = {
  A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  a: 'abcdefghijklmnopqrstuvwxyz0123456789',
  U: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  h: '0123456789abcdef',
  H: '0123456789ABCDEF',
  d: '0123456789',
  u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  b: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  l: 'abcdefghijklmnopqrstuvwxyz',
  B: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
} as const;

/** `shape`: literal text with `X{n}` runs (X one of ALPHA's keys): `ntn_d{11}A{35}`. */
function build(shape: string, r: Rng): string {
  return shape.replace(/([AaUhHdublB])\{(\d+)\}/g, (_, k: keyof typeof ALPHA, n: string) => {
    const alphabet = ALPHA[k];
    let s = '';
    for (let i = 0; i < Number(n); i++) s += alphabet[Math.floor(r() * alphabet.length)];
    return s;
  });
}

/** [gitleaks rule id (or vendor doc), shape of one value]. */
const FORMATS: [string, string][] = [
  ['gitleaks:1password-secret-key', 'A3-U{6}-U{11}-U{5}-U{5}-U{5}'],
  ['gitleaks:1password-service-account-token', 'ops_eyJb{260}'],
  ['gitleaks:adobe-client-secret', 'p8e-a{32}'],
  ['gitleaks:age-secret-key', 'AGE-SECRET-KEY-1B{58}'],
  ['gitleaks:alibaba-access-key-id', 'LTAIa{20}'],
  ['gitleaks:anthropic-api-key', 'sk-ant-api03-u{93}AA'],
  ['gitleaks:anthropic-admin-api-key', 'sk-ant-admin01-u{93}AA'],
  ['gitleaks:artifactory-api-key', 'AKCpA{69}'],
  ['gitleaks:artifactory-reference-token', 'cmVmdA{59}'],
  ['gitleaks:atlassian-api-token', 'ATATT3u{186}'],
  ['gitleaks:aws-access-token', 'AKIAU{16}'],
  ['gitleaks:aws-access-token', 'ASIAU{16}'],
  ['gitleaks:clickhouse-cloud-api-secret-key', '4b1dA{38}'],
  ['gitleaks:clojars-api-token', 'CLOJARS_a{60}'],
  ['gitleaks:cloudflare-origin-ca-key', 'v1.0-h{24}-h{146}'],
  ['gitleaks:databricks-api-token', 'dapih{32}'],
  ['gitleaks:digitalocean-access-token', 'doo_v1_h{64}'],
  ['gitleaks:digitalocean-pat', 'dop_v1_h{64}'],
  ['gitleaks:digitalocean-refresh-token', 'dor_v1_h{64}'],
  ['gitleaks:doppler-api-token', 'dp.pt.A{43}'],
  ['gitleaks:duffel-api-token', 'duffel_test_u{43}'],
  ['gitleaks:dynatrace-api-token', 'dt0c01.U{24}.U{64}'],
  ['gitleaks:easypost-api-token', 'EZAKA{54}'],
  ['gitleaks:easypost-test-api-token', 'EZTKA{54}'],
  ['gitleaks:facebook-page-access-token', 'EAAMA{120}'],
  ['gitleaks:flutterwave-secret-key', 'FLWSECK_TEST-h{32}-X'],
  ['gitleaks:flutterwave-public-key', 'FLWPUBK_TEST-h{32}-X'],
  ['gitleaks:flyio-access-token', 'fo1_u{43}'],
  ['gitleaks:frameio-api-token', 'fio-u-u{64}'],
  ['gitleaks:gcp-api-key', 'AIzaSyu{33}'],
  ['gitleaks:github-app-token', 'ghs_A{36}'],
  ['gitleaks:github-app-token', 'ghu_A{36}'],
  ['gitleaks:github-fine-grained-pat', 'github_pat_A{22}_A{59}'],
  ['gitleaks:github-oauth', 'gho_A{36}'],
  ['gitleaks:github-pat', 'ghp_A{36}'],
  ['gitleaks:github-refresh-token', 'ghr_A{36}'],
  ['gitleaks:gitlab-cicd-job-token', 'glcbt-A{5}_A{20}'],
  ['gitleaks:gitlab-deploy-token', 'gldt-A{20}'],
  ['gitleaks:gitlab-feature-flag-client-token', 'glffct-A{20}'],
  ['gitleaks:gitlab-feed-token', 'glft-A{20}'],
  ['gitleaks:gitlab-incoming-mail-token', 'glimt-A{25}'],
  ['gitleaks:gitlab-kubernetes-agent-token', 'glagent-A{50}'],
  ['gitleaks:gitlab-oauth-app-secret', 'gloas-A{64}'],
  ['gitleaks:gitlab-pat', 'glpat-A{20}'],
  ['gitleaks:gitlab-ptt', 'glptt-h{40}'],
  ['gitleaks:gitlab-rrt', 'GR1348941A{20}'],
  ['gitleaks:gitlab-runner-authentication-token', 'glrt-A{20}'],
  ['gitleaks:gitlab-scim-token', 'glsoat-A{20}'],
  ['gitleaks:gitlab-session-cookie', '_gitlab_session=a{32}'],
  ['gitleaks:grafana-api-key', 'eyJrIjoiA{80}'],
  ['gitleaks:grafana-cloud-api-token', 'glc_A{40}'],
  ['gitleaks:grafana-service-account-token', 'glsa_A{32}_h{8}'],
  ['gitleaks:harness-api-key', 'pat.u{22}.A{24}.A{20}'],
  ['gitleaks:heroku-api-key-v2', 'HRKU-AAu{58}'],
  ['gitleaks:huggingface-access-token', 'hf_l{34}'],
  ['gitleaks:huggingface-organization-api-token', 'api_org_l{34}'],
  ['gitleaks:infracost-api-token', 'ico-A{32}'],
  ['gitleaks:intra42-client-secret', 's-s4t2ud-h{64}'],
  ['gitleaks:linear-api-key', 'lin_api_A{40}'],
  ['gitleaks:new-relic-user-api-key', 'NRAK-U{27}'],
  ['gitleaks:new-relic-insert-key', 'NRII-u{32}'],
  ['gitleaks:new-relic-browser-api-token', 'NRJS-h{19}'],
  ['gitleaks:notion-api-token', 'ntn_d{11}A{35}'],
  ['gitleaks:npm-access-token', 'npm_A{36}'],
  ['gitleaks:octopus-deploy-api-key', 'API-U{26}'],
  ['gitleaks:openai-api-key', 'sk-proj-u{74}T3BlbkFJu{74}'],
  ['gitleaks:openai-api-key', 'sk-A{20}T3BlbkFJA{20}'],
  ['gitleaks:openshift-user-token', 'sha256~u{43}'],
  ['gitleaks:perplexity-api-key', 'pplx-A{48}'],
  ['gitleaks:planetscale-api-token', 'pscale_tkn_u{43}'],
  ['gitleaks:planetscale-oauth-token', 'pscale_oauth_u{43}'],
  ['gitleaks:planetscale-password', 'pscale_pw_u{43}'],
  ['gitleaks:postman-api-token', 'PMAK-h{24}-h{34}'],
  ['gitleaks:prefect-api-token', 'pnu_A{36}'],
  ['gitleaks:pulumi-api-token', 'pul-h{40}'],
  ['gitleaks:pypi-upload-token', 'pypi-AgEIcHlwaS5vcmcu{70}'],
  ['gitleaks:readme-api-token', 'rdme_a{70}'],
  ['gitleaks:rubygems-api-token', 'rubygems_h{48}'],
  ['gitleaks:scalingo-api-token', 'tk-us-u{48}'],
  ['gitleaks:sendgrid-api-token', 'SG.u{22}.u{43}'],
  ['gitleaks:sendinblue-api-token', 'xkeysib-h{64}-A{16}'],
  ['gitleaks:sentry-user-token', 'sntryu_h{64}'],
  ['gitleaks:settlemint-personal-access-token', 'sm_pat_A{16}'],
  ['gitleaks:settlemint-application-access-token', 'sm_aat_A{16}'],
  ['gitleaks:settlemint-service-access-token', 'sm_sat_A{16}'],
  ['gitleaks:shippo-api-token', 'shippo_live_h{40}'],
  ['gitleaks:shopify-access-token', 'shpat_h{32}'],
  ['gitleaks:shopify-custom-access-token', 'shpca_h{32}'],
  ['gitleaks:shopify-private-app-access-token', 'shppa_h{32}'],
  ['gitleaks:shopify-shared-secret', 'shpss_h{32}'],
  ['gitleaks:slack-app-token', 'xapp-1-U{11}-d{13}-h{64}'],
  ['gitleaks:slack-bot-token', 'xoxb-d{12}-d{13}-A{24}'],
  ['gitleaks:slack-user-token', 'xoxp-d{12}-d{12}-d{13}-h{32}'],
  ['gitleaks:slack-legacy-workspace-token', 'xoxa-2-A{30}'],
  ['gitleaks:slack-webhook-url', 'https://hooks.slack.com/services/U{9}/U{11}/A{24}'],
  ['gitleaks:sourcegraph-access-token', 'sgp_h{16}_h{40}'],
  ['gitleaks:sourcegraph-access-token', 'sgp_local_h{40}'],
  ['gitleaks:sourcegraph-access-token', 'sgp_h{40}'],
  ['gitleaks:square-access-token', 'sq0atp-u{22}'],
  ['gitleaks:square-access-token', 'EAAAu{60}'],
  ['gitleaks:stripe-access-token', 'sk_live_A{24}'],
  ['gitleaks:stripe-access-token', 'rk_prod_A{24}'],
  ['gitleaks:twilio-api-key', 'SKh{32}'],
  ['gitleaks:vault-service-token', 'hvs.u{100}'],
  ['gitleaks:vault-batch-token', 'hvb.u{150}'],
  [
    'gitleaks:microsoft-teams-webhook',
    'https://acme.webhook.office.com/webhookb2/h{8}-h{4}-h{4}-h{4}-h{12}@h{8}-h{4}-h{4}-h{4}-h{12}/IncomingWebhook/h{32}/h{8}-h{4}-h{4}-h{4}-h{12}',
  ],
  // formats the issue found leaking, from the vendors' documentation
  ['aws-docs:bedrock-api-keys', 'ABSKQmVkcm9ja0FQSUtleS1b{120}'],
  ['notion-docs:authorization', 'secret_A{43}'],
  ['docker-docs:access-tokens', 'dckr_pat_u{27}'],
  ['tailscale-docs:api-keys', 'tskey-api-A{17}-A{33}'],
  ['supabase-docs:access-tokens', 'sbp_h{40}'],
  ['langsmith-docs:api-keys', 'lsv2_pt_h{32}_h{10}'],
];

const LINES = [
  (v: string) => `export TOKEN_VALUE=${v}`,
  (v: string) => `config: { apiKey: "${v}" }`,
  (v: string) => `here is the key ${v} - rotate it after`,
  (v: string) => `${v}`,
];

export function scannerFormatCases(): ExternalCase[] {
  const r = seeded(16_2026);
  const out: ExternalCase[] = [];
  FORMATS.forEach(([source, shape], i) => {
    const value = build(shape, r);
    const line = LINES[i % LINES.length] as (v: string) => string;
    // a webhook URL's credential is its path: the scheme and host are public
    const secret = value.startsWith('https://') ? value.slice(value.indexOf('/', 8) + 1) : value;
    out.push({ source, kind: 'positive', category: 'api-key', text: line(value), secrets: [secret] });
    // a near miss: the same prefix before a short word (an identifier, not a token)
    const prefix = /^[^{]*?(?=[AaUhHdublB]\{)/.exec(shape)?.[0] ?? shape.slice(0, 4);
    out.push({
      source,
      kind: 'negative',
      category: 'api-key',
      text: `see ${prefix}docs for the ${prefix}v2 notes`,
    });
  });
  return out;
}
