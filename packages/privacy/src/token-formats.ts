/**
 * The token formats Steno knows, as data: per format the literal prefix, the shape of the body
 * (alphabet and length of each part), the vendor checksum where one exists, and where the format
 * is documented. `secret-detectors.ts` compiles each row into a sticky pattern that runs only
 * where the scan found the prefix, so a new format costs a row, not a pass over the text.
 *
 * Body shape: literal text with `%X{n}`, `%X{m,n}` or `%X{m,}` runs, X one of the alphabets below.
 * A match goes on over any further characters of the body's last alphabet, so a token longer than
 * documented is still removed whole.
 */
import type { EntityType } from '@steno/protocol';

export const ALPHABETS = {
  A: 'A-Za-z0-9',
  a: 'a-z0-9',
  U: 'A-Z0-9',
  h: 'a-f0-9',
  H: 'A-Fa-f0-9',
  d: '0-9',
  u: 'A-Za-z0-9_\\-',
  b: 'A-Za-z0-9+/',
  w: 'A-Za-z0-9_',
  l: 'a-z',
  L: 'A-Za-z',
  B: 'A-Z0-9',
  e: 'A-Za-z0-9+/=',
} as const;

export type Alphabet = keyof typeof ALPHABETS;

export interface TokenFormat {
  /** Detector name reported for a match. */
  id: string;
  prefix: string;
  body: string;
  entity: EntityType;
  /** A checksum the vendor puts in the token (verified by `checksums.ts` where named). */
  checksum?: 'crc32-base62';
  /** Where the format is documented: the vendor's page, or a scanner's published rule. */
  source: string;
}

type Row = [id: string, prefix: string, body: string, source: string, extra?: Partial<TokenFormat>];

const GL = 'gitleaks rule';
const SL = 'secretlint preset';
const SECRET: Partial<TokenFormat> = { entity: 'SECRET' };
const CRC: Partial<TokenFormat> = { checksum: 'crc32-base62' };

const ROWS: Row[] = [
  // AWS (docs: IAM identifiers, unique ID prefixes; Bedrock API keys)
  ['aws-access-key', 'AKIA', '%U{16}', 'AWS IAM docs: unique identifier prefixes'],
  ['aws-access-key', 'ASIA', '%U{16}', 'AWS IAM docs: unique identifier prefixes'],
  ['aws-access-key', 'ABIA', '%U{16}', 'AWS IAM docs: unique identifier prefixes'],
  ['aws-access-key', 'ACCA', '%U{16}', 'AWS IAM docs: unique identifier prefixes'],
  ['aws-access-key', 'A3T', '%U{17}', `${GL} aws-access-token`],
  ['aws-bedrock-api-key', 'ABSK', '%e{60,}', 'AWS Bedrock docs: API keys (long-term, base64)'],
  ['aws-bedrock-api-key', 'bedrock-api-key-', '%e{60,}', 'AWS Bedrock docs: API keys (short-term)'],
  // GitHub (docs: "Behind GitHub's new authentication token formats"; last 6 chars CRC32 base62)
  ['github-token', 'ghp_', '%A{36}', 'GitHub docs: token formats', CRC],
  ['github-token', 'gho_', '%A{36}', 'GitHub docs: token formats', CRC],
  ['github-token', 'ghu_', '%A{36}', 'GitHub docs: token formats', CRC],
  ['github-token', 'ghs_', '%A{36}', 'GitHub docs: token formats', CRC],
  ['github-token', 'ghr_', '%A{36}', 'GitHub docs: token formats', CRC],
  ['github-pat', 'github_pat_', '%w{22,}', 'GitHub docs: fine-grained personal access tokens'],
  // GitLab (docs: token prefixes)
  ['gitlab-token', 'glpat-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'gldt-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glptt-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glrt-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glcbt-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glffct-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glft-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glimt-', '%u{25,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glagent-', '%u{50,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'gloas-', '%u{64,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glsoat-', '%u{20,}', 'GitLab docs: token prefixes'],
  ['gitlab-token', 'glwt-', '%u{20,}', 'GitLab docs: token prefixes (workspace)'],
  ['gitlab-token', 'GR1348941', '%u{20,}', 'GitLab docs: runner registration tokens'],
  ['gitlab-session', '_gitlab_session=', '%a{32}', `${GL} gitlab-session-cookie`, SECRET],
  // Slack (api.slack.com: token types)
  ['slack-token', 'xoxb-', '%d{8,14}-%u{8,}', 'Slack docs: token types'],
  ['slack-token', 'xoxp-', '%d{8,14}-%u{8,}', 'Slack docs: token types'],
  ['slack-token', 'xoxa-', '%u{8,}', 'Slack docs: token types'],
  ['slack-token', 'xoxr-', '%u{8,}', 'Slack docs: token types'],
  ['slack-token', 'xoxe-', '%u{8,}', 'Slack docs: token rotation'],
  ['slack-token', 'xoxe.xoxp-', '%u{20,}', 'Slack docs: token rotation'],
  ['slack-token', 'xoxe.xoxb-', '%u{20,}', 'Slack docs: token rotation'],
  ['slack-token', 'xoxs-', '%u{8,}', `${GL} slack-legacy-token`],
  ['slack-token', 'xoxo-', '%u{8,}', `${GL} slack-legacy-token`],
  ['slack-app-token', 'xapp-', '%d{1}-%u{8,}', 'Slack docs: app-level tokens'],
  ['slack-webhook', 'hooks.slack.com/services/', '%u{20,}', 'Slack docs: incoming webhooks', SECRET],
  ['slack-webhook', 'hooks.slack.com/workflows/', '%u{20,}', 'Slack docs: workflow webhooks', SECRET],
  ['slack-webhook', 'hooks.slack.com/triggers/', '%u{20,}', 'Slack docs: workflow triggers', SECRET],
  // Stripe (docs: API keys; webhook signing secrets)
  ['stripe-key', 'sk_live_', '%A{16,}', 'Stripe docs: API keys'],
  ['stripe-key', 'sk_test_', '%A{16,}', 'Stripe docs: API keys'],
  ['stripe-key', 'rk_live_', '%A{16,}', 'Stripe docs: restricted keys'],
  ['stripe-key', 'rk_test_', '%A{16,}', 'Stripe docs: restricted keys'],
  ['stripe-key', 'sk_prod_', '%A{16,}', `${GL} stripe-access-token`],
  ['stripe-key', 'rk_prod_', '%A{16,}', `${GL} stripe-access-token`],
  ['stripe-key', 'pk_live_', '%A{16,}', 'Stripe docs: publishable keys'],
  ['stripe-key', 'pk_test_', '%A{16,}', 'Stripe docs: publishable keys'],
  ['stripe-webhook-secret', 'whsec_', '%A{24,}', 'Stripe docs: webhook signing secrets', SECRET],
  ['checkout-key', 'sk_sbox_', '%a{20,}', 'Checkout.com docs: API keys'],
  // AI providers (vendors' API key docs)
  ['ai-provider-key', 'sk-ant-api03-', '%u{20,}', 'Anthropic docs: API keys'],
  ['ai-provider-key', 'sk-ant-admin01-', '%u{20,}', 'Anthropic docs: Admin API keys'],
  ['ai-provider-key', 'sk-ant-oat01-', '%u{20,}', 'Anthropic docs: OAuth tokens'],
  ['ai-provider-key', 'sk-proj-', '%u{20,}', 'OpenAI docs: project API keys'],
  ['ai-provider-key', 'sk-svcacct-', '%u{20,}', 'OpenAI docs: service account keys'],
  ['ai-provider-key', 'sk-admin-', '%u{20,}', 'OpenAI docs: admin keys'],
  ['ai-provider-key', 'sk-or-v1-', '%h{64}', 'OpenRouter docs: API keys'],
  ['ai-provider-key', 'hf_', '%A{30,}', 'Hugging Face docs: user access tokens'],
  ['ai-provider-key', 'api_org_', '%L{30,}', `${GL} huggingface-organization-api-token`],
  ['ai-provider-key', 'gsk_', '%A{40,}', 'Groq docs: API keys'],
  ['ai-provider-key', 'r8_', '%A{30,}', 'Replicate docs: API tokens'],
  ['ai-provider-key', 'xai-', '%A{40,}', 'xAI docs: API keys'],
  ['ai-provider-key', 'pplx-', '%A{40,}', 'Perplexity docs: API keys'],
  ['ai-provider-key', 'csk-', '%a{40,}', 'Cerebras docs: API keys'],
  ['ai-provider-key', 'lsv2_pt_', '%h{32}_%h{10}', 'LangSmith docs: personal access tokens'],
  ['ai-provider-key', 'lsv2_sk_', '%h{32}_%h{10}', 'LangSmith docs: service keys'],
  ['ai-provider-key', 'sk-lf-', '%H{8}-%H{4}-%H{4}-%H{4}-%H{12}', 'Langfuse docs: secret keys'],
  ['ai-provider-key', 'pcsk_', '%u{40,}', 'Pinecone docs: API keys'],
  ['ai-provider-key', 'nvapi-', '%u{40,}', 'NVIDIA NGC docs: API keys'],
  // Google (docs: API keys, OAuth)
  ['google-api-key', 'AIza', '%u{35}', 'Google Cloud docs: API keys'],
  ['google-oauth-token', 'ya29.', '%u{20,}', 'Google OAuth docs: access tokens'],
  ['google-oauth-secret', 'GOCSPX-', '%u{28}', 'Google OAuth docs: client secrets', SECRET],
  ['google-oauth-token', '1//0', '%u{40,}', 'Google OAuth docs: refresh tokens'],
  // Package registries
  ['npm-token', 'npm_', '%A{36}', 'npm docs: access tokens', CRC],
  ['pypi-token', 'pypi-AgEIcHlwaS5vcmc', '%u{40,}', 'PyPI docs: API tokens'],
  ['pypi-token', 'pypi-AgENdGVzdC5weXBpLm9yZw', '%u{40,}', 'TestPyPI docs: API tokens'],
  ['rubygems-token', 'rubygems_', '%h{48}', 'RubyGems docs: API keys'],
  ['nuget-key', 'oy2', '%a{43}', 'NuGet docs: API keys'],
  ['clojars-token', 'CLOJARS_', '%A{60}', `${GL} clojars-api-token`],
  ['crates-token', 'cio', '%A{32}', 'crates.io docs: API tokens'],
  ['docker-token', 'dckr_pat_', '%u{20,}', 'Docker docs: personal access tokens'],
  ['docker-token', 'dckr_oat_', '%u{20,}', 'Docker docs: organization access tokens'],
  ['jfrog-token', 'AKCp', '%A{60,}', `${GL} artifactory-api-key`],
  ['jfrog-token', 'cmVmd', '%A{50,}', `${GL} artifactory-reference-token`],
  ['deno-token', 'ddp_', '%A{36}', 'Deno Deploy docs: access tokens'],
  ['deno-token', 'ddw_', '%A{36}', 'Deno Deploy docs: access tokens'],
  ['sonar-token', 'squ_', '%h{40}', 'SonarQube docs: user tokens'],
  ['sonar-token', 'sqp_', '%h{40}', 'SonarQube docs: project tokens'],
  ['sonar-token', 'sqa_', '%h{40}', 'SonarQube docs: global analysis tokens'],
  // Productivity and collaboration
  ['notion-token', 'ntn_', '%A{40,}', 'Notion docs: internal integration tokens'],
  ['notion-token', 'secret_', '%A{43}', 'Notion docs: internal integration secrets (legacy)'],
  ['sourcegraph-token', 'sgp_', '%H{16}_%H{40}', 'Sourcegraph docs: access tokens'],
  ['sourcegraph-token', 'sgp_local_', '%H{40}', 'Sourcegraph docs: access tokens'],
  ['sourcegraph-token', 'sgp_', '%H{40}', 'Sourcegraph docs: access tokens (legacy)'],
  ['1password-service-token', 'ops_eyJ', '%e{100,}', '1Password docs: service account tokens'],
  ['1password-secret-key', 'A3-', '%U{6}-%U{5,6}-%U{5,}', '1Password docs: Secret Key'],
  ['atlassian-token', 'ATATT3', '%u{100,}', 'Atlassian docs: API tokens'],
  ['atlassian-token', 'ATCTT3', '%u{100,}', 'Atlassian docs: admin API keys'],
  ['bitbucket-token', 'ATBB', '%A{28,}', 'Bitbucket docs: app passwords'],
  ['linear-key', 'lin_api_', '%A{40}', 'Linear docs: API keys'],
  ['linear-key', 'lin_oauth_', '%A{40,}', 'Linear docs: OAuth tokens'],
  ['figma-token', 'figd_', '%u{40,}', 'Figma docs: personal access tokens'],
  ['airtable-token', 'pat', '%A{14}.%h{64}', 'Airtable docs: personal access tokens'],
  ['clickup-token', 'pk_', '%d{4,}_%U{32}', 'ClickUp docs: personal API tokens'],
  ['hubspot-token', 'pat-na1-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'HubSpot docs: private app tokens'],
  ['hubspot-token', 'pat-eu1-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'HubSpot docs: private app tokens'],
  ['typeform-token', 'tfp_', '%u{40,}', `${GL} typeform-api-token`],
  ['frameio-token', 'fio-u-', '%u{64}', `${GL} frameio-api-token`],
  ['readme-token', 'rdme_', '%a{70}', `${GL} readme-api-token`],
  ['postman-key', 'PMAK-', '%h{24}-%h{34}', 'Postman docs: API keys'],
  ['postman-key', 'PMAT-', '%U{26}', 'Postman docs: collection access keys'],
  ['salesforce-session', '00D', '%A{12}!%u{80,}', 'Salesforce docs: session IDs', SECRET],
  [
    'microsoft-teams-webhook',
    '.webhook.office.com/webhookb2/',
    '%u{20,}@%u{20,}/IncomingWebhook/%A{32}/%u{20,}',
    'Microsoft docs: incoming webhooks',
    SECRET,
  ],
  ['discord-webhook', 'discord.com/api/webhooks/', '%d{17,20}/%u{60,}', 'Discord docs: webhooks', SECRET],
  ['discord-webhook', 'discordapp.com/api/webhooks/', '%d{17,20}/%u{60,}', 'Discord docs: webhooks', SECRET],
  // Cloud and infrastructure
  ['azure-storage-key', 'AccountKey=', '%b{40,}', 'Azure docs: storage connection strings', SECRET],
  ['azure-sas-token', 'SharedAccessSignature=', '%e{20,}', 'Azure docs: shared access signatures', SECRET],
  ['digitalocean-token', 'dop_v1_', '%h{64}', 'DigitalOcean docs: personal access tokens'],
  ['digitalocean-token', 'doo_v1_', '%h{64}', 'DigitalOcean docs: OAuth tokens'],
  ['digitalocean-token', 'dor_v1_', '%h{64}', 'DigitalOcean docs: OAuth refresh tokens'],
  ['alibaba-access-key', 'LTAI', '%A{20}', 'Alibaba Cloud docs: AccessKey IDs'],
  ['tencent-secret-id', 'AKID', '%A{32}', 'Tencent Cloud docs: SecretId'],
  ['scaleway-key', 'SCW', '%U{17}', 'Scaleway docs: access keys'],
  ['ibm-cloud-key', 'ApiKey-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'IBM Cloud docs: API keys'],
  ['heroku-key', 'HRKU-', '%u{60,}', 'Heroku docs: API keys'],
  ['fly-token', 'fo1_', '%u{43}', 'Fly.io docs: tokens'],
  ['fly-token', 'fm1a_', '%e{100,}', 'Fly.io docs: macaroon tokens'],
  ['fly-token', 'fm1r_', '%e{100,}', 'Fly.io docs: macaroon tokens'],
  ['fly-token', 'fm2_', '%e{100,}', 'Fly.io docs: macaroon tokens'],
  ['netlify-token', 'nfp_', '%A{36}', 'Netlify docs: personal access tokens'],
  ['render-key', 'rnd_', '%A{32}', 'Render docs: API keys'],
  ['supabase-token', 'sbp_', '%h{40}', 'Supabase docs: access tokens'],
  ['supabase-token', 'sb_secret_', '%u{30,}', 'Supabase docs: secret API keys'],
  ['neon-key', 'napi_', '%a{64}', 'Neon docs: API keys'],
  ['planetscale-token', 'pscale_tkn_', '%u{32,}', 'PlanetScale docs: service tokens'],
  ['planetscale-token', 'pscale_oauth_', '%u{32,}', 'PlanetScale docs: OAuth tokens'],
  ['planetscale-token', 'pscale_pw_', '%u{32,}', 'PlanetScale docs: passwords', { entity: 'PASSWORD' }],
  ['vault-token', 'hvs.', '%u{24,}', 'HashiCorp Vault docs: service tokens'],
  ['vault-token', 'hvb.', '%u{24,}', 'HashiCorp Vault docs: batch tokens'],
  ['vault-token', 'hvr.', '%u{24,}', 'HashiCorp Vault docs: recovery tokens'],
  ['terraform-token', '.atlasv1.', '%u{60,}', 'HashiCorp docs: Terraform Cloud API tokens'],
  ['doppler-token', 'dp.pt.', '%A{40,}', 'Doppler docs: personal tokens'],
  ['doppler-token', 'dp.st.', '%u{40,}', 'Doppler docs: service tokens'],
  ['doppler-token', 'dp.sa.', '%A{40,}', 'Doppler docs: service account tokens'],
  ['doppler-token', 'dp.ct.', '%A{40,}', 'Doppler docs: CLI tokens'],
  ['doppler-token', 'dp.scim.', '%A{40,}', 'Doppler docs: SCIM tokens'],
  ['doppler-token', 'dp.audit.', '%A{40,}', 'Doppler docs: audit tokens'],
  ['pulumi-token', 'pul-', '%h{40}', 'Pulumi docs: access tokens'],
  ['cloudflare-origin-ca', 'v1.0-', '%h{24}-%h{146}', 'Cloudflare docs: Origin CA keys'],
  ['tailscale-key', 'tskey-auth-', '%A{10,}-%A{20,}', 'Tailscale docs: auth keys'],
  ['tailscale-key', 'tskey-api-', '%A{10,}-%A{20,}', 'Tailscale docs: API access tokens'],
  ['tailscale-key', 'tskey-client-', '%A{10,}-%A{20,}', 'Tailscale docs: OAuth clients'],
  ['tailscale-key', 'tskey-webhook-', '%A{10,}-%A{20,}', 'Tailscale docs: webhook secrets'],
  ['tailscale-key', 'tskey-scim-', '%A{10,}-%A{20,}', 'Tailscale docs: SCIM keys'],
  ['akamai-token', 'akab-', '%a{16}-%a{16}', 'Akamai docs: EdgeGrid client tokens'],
  ['openshift-token', 'sha256~', '%u{43}', `${GL} openshift-user-token`],
  ['databricks-token', 'dapi', '%h{32}', 'Databricks docs: personal access tokens'],
  ['dynatrace-token', 'dt0c01.', '%U{24}.%A{64}', 'Dynatrace docs: access tokens'],
  ['dynatrace-token', 'dt0s01.', '%U{24}.%A{64}', 'Dynatrace docs: platform tokens'],
  ['grafana-token', 'glc_', '%e{32,}', 'Grafana docs: Cloud access policy tokens'],
  ['grafana-token', 'glsa_', '%A{32}_%H{8}', 'Grafana docs: service account tokens'],
  ['grafana-token', 'eyJrIjoi', '%e{60,}', `${GL} grafana-api-key`],
  ['new-relic-key', 'NRAK-', '%U{27}', 'New Relic docs: user keys'],
  ['new-relic-key', 'NRII-', '%u{32}', 'New Relic docs: insert keys'],
  ['new-relic-key', 'NRJS-', '%h{19}', 'New Relic docs: browser keys'],
  ['new-relic-key', 'NRAA-', '%h{27}', 'New Relic docs: admin keys'],
  ['sentry-token', 'sntryu_', '%h{64}', 'Sentry docs: user auth tokens'],
  ['sentry-token', 'sntrys_', '%e{60,}', 'Sentry docs: organization auth tokens'],
  ['posthog-key', 'phx_', '%A{40,}', 'PostHog docs: personal API keys'],
  ['buildkite-token', 'bkua_', '%h{40}', 'Buildkite docs: API access tokens'],
  ['circleci-token', 'CCIPAT_', '%A{20,}_%h{40}', 'CircleCI docs: personal API tokens'],
  ['harness-token', 'pat.', '%u{22}.%A{24}.%A{20}', `${GL} harness-api-key`],
  ['harness-token', 'sat.', '%u{22}.%A{24}.%A{20}', `${GL} harness-api-key`],
  ['octopus-key', 'API-', '%U{26,}', `${GL} octopus-deploy-api-key`],
  ['infracost-token', 'ico-', '%A{32}', `${GL} infracost-api-token`],
  ['scalingo-token', 'tk-us-', '%u{48}', `${GL} scalingo-api-token`],
  ['clickhouse-key', '4b1d', '%A{38}', `${GL} clickhouse-cloud-api-secret-key`],
  ['contentful-token', 'CFPAT-', '%u{43}', 'Contentful docs: personal access tokens'],
  ['intra42-secret', 's-s4t2ud-', '%h{64}', `${GL} intra42-client-secret`, SECRET],
  ['intra42-secret', 's-s4t2af-', '%h{64}', `${GL} intra42-client-secret`, SECRET],
  ['prefect-token', 'pnu_', '%A{36}', 'Prefect docs: API keys'],
  ['settlemint-token', 'sm_pat_', '%A{16}', `${GL} settlemint-personal-access-token`],
  ['settlemint-token', 'sm_aat_', '%A{16}', `${GL} settlemint-application-access-token`],
  ['settlemint-token', 'sm_sat_', '%A{16}', `${GL} settlemint-service-access-token`],
  ['adobe-secret', 'p8e-', '%A{32}', 'Adobe docs: OAuth client secrets', SECRET],
  ['easypost-key', 'EZAK', '%A{54}', 'EasyPost docs: API keys'],
  ['easypost-key', 'EZTK', '%A{54}', 'EasyPost docs: test API keys'],
  // Payments and commerce
  ['square-token', 'sq0atp-', '%u{22,}', 'Square docs: access tokens'],
  ['square-token', 'sq0csp-', '%u{22,}', 'Square docs: application secrets'],
  ['square-token', 'EAAA', '%u{60,}', 'Square docs: access tokens'],
  ['braintree-token', 'access_token$production$', '%a{16}$%h{32}', 'Braintree docs: access tokens'],
  ['braintree-token', 'access_token$sandbox$', '%a{16}$%h{32}', 'Braintree docs: access tokens'],
  ['shopify-token', 'shpat_', '%H{32}', 'Shopify docs: access tokens'],
  ['shopify-token', 'shpca_', '%H{32}', 'Shopify docs: custom app tokens'],
  ['shopify-token', 'shppa_', '%H{32}', 'Shopify docs: private app tokens'],
  ['shopify-token', 'shpss_', '%H{32}', 'Shopify docs: shared secrets', SECRET],
  ['shippo-token', 'shippo_live_', '%H{40}', 'Shippo docs: API tokens'],
  ['shippo-token', 'shippo_test_', '%H{40}', 'Shippo docs: API tokens'],
  ['flutterwave-key', 'FLWSECK_TEST-', '%h{12,}', 'Flutterwave docs: API keys'],
  ['flutterwave-key', 'FLWSECK-', '%h{32}-X', 'Flutterwave docs: API keys'],
  ['flutterwave-key', 'FLWPUBK_TEST-', '%h{32}-X', 'Flutterwave docs: API keys'],
  ['razorpay-key', 'rzp_live_', '%A{14}', 'Razorpay docs: API keys'],
  ['razorpay-key', 'rzp_test_', '%A{14}', 'Razorpay docs: API keys'],
  ['woocommerce-key', 'ck_', '%h{40}', 'WooCommerce docs: REST API keys'],
  ['woocommerce-key', 'cs_', '%h{40}', 'WooCommerce docs: REST API keys', SECRET],
  ['lob-key', 'live_', '%h{35}', 'Lob docs: API keys'],
  ['lob-key', 'test_', '%h{35}', 'Lob docs: API keys'],
  ['duffel-token', 'duffel_test_', '%u{43}', `${GL} duffel-api-token`],
  ['duffel-token', 'duffel_live_', '%u{43}', `${GL} duffel-api-token`],
  ['plaid-token', 'access-production-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'Plaid docs: access tokens'],
  ['plaid-token', 'access-development-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'Plaid docs: access tokens'],
  ['plaid-token', 'access-sandbox-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'Plaid docs: access tokens'],
  ['elevenlabs-key', 'sk_', '%h{48}', 'ElevenLabs docs: API keys'],
  // Messaging and e-mail
  ['sendgrid-key', 'SG.', '%u{22}.%u{43}', 'SendGrid docs: API keys'],
  ['sendinblue-key', 'xkeysib-', '%h{64}-%A{16}', 'Brevo docs: API keys'],
  ['mailgun-key', 'key-', '%h{32}', 'Mailgun docs: API keys'],
  ['mailgun-key', 'pubkey-', '%h{32}', 'Mailgun docs: public validation keys'],
  ['twilio-key', 'SK', '%h{32}', 'Twilio docs: API keys'],
  ['telegram-bot-token', 'bot', '%d{8,10}:AA%u{33}', 'Telegram docs: bot API token in URLs'],
  ['facebook-token', 'EAAC', '%A{100,}', `${GL} facebook-page-access-token`],
  ['facebook-token', 'EAAM', '%A{100,}', `${GL} facebook-page-access-token`],
  ['twitter-bearer', 'AAAAAAAAAAAAAAAAAAAAA', '%e{50,}', `${GL} twitter-bearer-token`],
  ['mapbox-token', 'sk.eyJ', '%u{50,}.%u{20,}', 'Mapbox docs: secret tokens'],
  ['mapbox-token', 'pk.eyJ', '%u{50,}.%u{20,}', 'Mapbox docs: public tokens'],
  ['dropbox-token', 'sl.', '%u{120,}', 'Dropbox docs: short-lived access tokens'],
  ['yandex-key', 'AQVN', '%u{35,38}', `${GL} yandex-api-key`],
  ['yandex-key', 'YC', '%u{38}', `${GL} yandex-aws-access-token`],
  ['launchdarkly-key', 'sdk-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'LaunchDarkly docs: SDK keys'],
  ['launchdarkly-key', 'api-', '%h{8}-%h{4}-%h{4}-%h{4}-%h{12}', 'LaunchDarkly docs: API access tokens'],
  // Encryption and key material
  [
    'age-secret-key',
    'AGE-SECRET-KEY-1',
    '%B{50,}',
    'age docs: secret key encoding',
    { entity: 'PRIVATE_KEY' },
  ],
  ['jwt-base64', 'ZXlKaGJHY2lPaU', '%e{40,}', `${GL} jwt-base64`, { entity: 'JWT' }],
  [
    'gitleaks-private-key-ppk',
    'PuTTY-User-Key-File-',
    '%d{1}:',
    'PuTTY docs: .ppk format',
    { entity: 'PRIVATE_KEY' },
  ],
  [
    'authress-key',
    'sc_',
    '%A{5,30}.%A{4,6}.acc_%u{10,32}.%e{30,120}',
    `${GL} authress-service-client-access-key`,
  ],
  ['dnkey-token', 'dnkey-', '%u{26}-%u{52}', `${GL} defined-networking-api-token`],
  ['maxmind-key', 'mmk_', '%A{20,}', 'MaxMind docs: license keys'],
  ['openai-session', 'sess-', '%A{40}', `${SL} openai (session keys)`],
];

export const TOKEN_FORMATS: readonly TokenFormat[] = ROWS.map(([id, prefix, body, source, extra]) => ({
  id,
  prefix,
  body,
  entity: 'API_KEY',
  source,
  ...extra,
}));

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const RUN = /%([A-Za-z])\{(\d+)(,(\d*))?\}/g;

/** The regex source of a format: the prefix, the body's parts, then any further body characters. */
export function formatSource(f: TokenFormat): string {
  let src = '';
  let last: Alphabet | undefined;
  let at = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(f.body); m !== null; m = RUN.exec(f.body)) {
    src += escapeLiteral(f.body.slice(at, m.index));
    const k = m[1] as Alphabet;
    const set = ALPHABETS[k];
    if (set === undefined) throw new Error(`token format ${f.id}: unknown alphabet ${k}`);
    src += `[${set}]{${m[2]}${m[3] ?? ''}}`;
    last = k;
    at = m.index + m[0].length;
  }
  const rest = f.body.slice(at);
  src += escapeLiteral(rest);
  // a token longer than documented is still removed whole
  if (rest === '' && last !== undefined) src += `[${ALPHABETS[last]}]*`;
  const before = /^[A-Za-z0-9]/.test(f.prefix) ? '(?<![A-Za-z0-9_])' : '';
  return `${before}${escapeLiteral(f.prefix)}${src}`;
}

/**
 * One part of a compiled format: a literal (`literal` its text) or a run of an alphabet (`member`
 * its codes, 1 for a member, below 128; between `min` and `max` of them). Every part has all the
 * fields, so the matcher reads them through one object shape.
 */
interface Part {
  literal: string;
  member: Uint8Array;
  min: number;
  max: number;
}

/**
 * A token's shape read on the codes instead of by a regex: `before` (a look-behind: the code before
 * must not be one of these; null: none), one of `prefixes` (no two can both stand at a place), the
 * parts, and `after` (a look-ahead on the code after the match; null: none).
 */
export interface Shape {
  before: Uint8Array | null;
  prefixes: string[];
  parts: Part[];
  after: Uint8Array | null;
}

/** A format row's shape (`formatMatcher`). */
export type FormatMatcher = Shape;

const NO_CODES = new Uint8Array(128);
/** `max` of an open-ended run: a small integer (no heap number), longer than any text's rest. */
const UNBOUNDED = 0x3fffffff;

/**
 * The codes below 128 of a class source (non-ASCII codes are never in one; no `i` flag), one
 * table per class, shared by every row using it (a few tables stay in cache, not one per part).
 */
export function membersOf(set: string): Uint8Array {
  const known = MEMBERS.get(set);
  if (known !== undefined) return known;
  const re = new RegExp(`[${set}]`);
  const member = new Uint8Array(128);
  for (let c = 0; c < 128; c++) member[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  MEMBERS.set(set, member);
  return member;
}
const MEMBERS = new Map<string, Uint8Array>();

/**
 * The format as parts, or null where its regex could give up a run's longest stretch for a
 * shorter one (two runs in a row, or a literal after a run of variable length that starts with a
 * member of the run's alphabet): the matcher below takes each run's longest stretch, which is what
 * the regex matches wherever the character after a run cannot be one of the run's own.
 */
export function formatMatcher(f: TokenFormat): FormatMatcher | null {
  const parts: Part[] = [];
  let at = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(f.body); m !== null; m = RUN.exec(f.body)) {
    if (m.index > at) parts.push({ literal: f.body.slice(at, m.index), member: NO_CODES, min: 0, max: 0 });
    const set = ALPHABETS[m[1] as Alphabet];
    if (set === undefined) throw new Error(`token format ${f.id}: unknown alphabet ${m[1]}`);
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[4] === '' ? UNBOUNDED : Number(m[4]);
    parts.push({ literal: '', member: membersOf(set), min, max });
    at = m.index + m[0].length;
  }
  const rest = f.body.slice(at);
  if (rest !== '') parts.push({ literal: rest, member: NO_CODES, min: 0, max: 0 });
  // `[X]{m,n}[X]*` (a token longer than documented, formatSource) is `[X]{m,}`
  else if (parts.length > 0) (parts[parts.length - 1] as Part).max = UNBOUNDED;
  if (!greedyIsTheMatch(parts, null)) return null;
  return { before: /^[A-Za-z0-9]/.test(f.prefix) ? WORD : null, prefixes: [f.prefix], parts, after: null };
}

const WORD = membersOf('A-Za-z0-9_');

/**
 * Whether taking each run's longest stretch is the regex's match: no run is followed by another,
 * none of variable length by a literal starting with one of its codes, and with a look-ahead
 * (`after`) the last part is a literal, a run of fixed length, or a run whose codes the look-ahead
 * refuses (then a shorter stretch would leave one of them after it, refused as well).
 */
export function greedyIsTheMatch(parts: readonly Part[], after: Uint8Array | null): boolean {
  for (let i = 0; i + 1 < parts.length; i++) {
    const p = parts[i] as Part;
    const q = parts[i + 1] as Part;
    if (p.literal !== '') continue;
    if (q.literal === '') return false;
    const c = q.literal.charCodeAt(0);
    if (p.min !== p.max && c < 128 && p.member[c] === 1) return false;
  }
  const last = parts[parts.length - 1];
  if (after === null || last === undefined || last.literal !== '' || last.min === last.max) return true;
  for (let c = 0; c < 128; c++) if (last.member[c] === 1 && after[c] === 0) return false;
  return true;
}

/**
 * Parts from a small regex-like source: literal text (`\\` escapes the next character) and runs
 * `[class]{m}`, `[class]{m,}`, `[class]{m,n}`, `[class]*`.
 */
export function partsOf(source: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    if (c === '\\') {
      literal += source[i + 1];
      i += 2;
      continue;
    }
    if (c !== '[') {
      literal += c;
      i++;
      continue;
    }
    const close = source.indexOf(']', i);
    const set = source.slice(i + 1, close);
    const m = /^(?:\{(\d+)(,(\d*))?\}|\*)/.exec(source.slice(close + 1));
    if (m === null) throw new Error(`shape ${source}: a class needs {m}, {m,}, {m,n} or *`);
    if (literal !== '') parts.push({ literal, member: NO_CODES, min: 0, max: 0 });
    literal = '';
    const min = m[1] === undefined ? 0 : Number(m[1]);
    const max = m[1] === undefined || m[3] === '' ? UNBOUNDED : m[2] === undefined ? min : Number(m[3]);
    parts.push({ literal: '', member: membersOf(set), min, max });
    i = close + 1 + m[0].length;
  }
  if (literal !== '') parts.push({ literal, member: NO_CODES, min: 0, max: 0 });
  return parts;
}

/**
 * The length of the first of `f`'s prefixes that stands wherever the codes `known` stand, or -1
 * where it depends on more of the text (a prefix longer than `known` that starts with it comes
 * first) or no prefix can stand there: `matchFormat` then compares them itself.
 */
export function knownPrefix(f: Shape, known: string): number {
  for (const prefix of f.prefixes) {
    if (known.startsWith(prefix)) return prefix.length;
    if (prefix.startsWith(known)) return -1;
  }
  return -1;
}

/** Whether `literal` stands at `at` in `text`. */
function standsAt(text: string, at: number, literal: string): boolean {
  if (at + literal.length > text.length) return false;
  for (let j = 0; j < literal.length; j++)
    if (text.charCodeAt(at + j) !== literal.charCodeAt(j)) return false;
  return true;
}

/**
 * The last stretch of one alphabet read (its table, the text, where it was read from and where it
 * ends): a token is read by a pattern and then by its format row, with the same alphabet from the
 * same place or from inside the stretch (`sk-` then `sk-proj-`), where it ends at the same place.
 */
let lastMember: Uint8Array = new Uint8Array(0);
let lastText = '';
let lastFrom = 0;
let lastEnd = -1;

/** Forgets the last stretch read (`detectTokenSecrets` calls it before and after a text). */
export function forgetStretch(): void {
  lastText = '';
  lastEnd = -1;
}

/**
 * Where the shape's regex (sticky, at `at`) ends its match in `text`, or -1 where it does not
 * match: the look-behind, a prefix, then each part (a run its longest stretch, at most `max`), then
 * the look-ahead. `known` (0 or more): the length of the shape's prefix that stands at `at`, the
 * first of its prefixes to stand there (`knownPrefix`); the prefixes are then not compared.
 */
export function matchFormat(f: Shape, text: string, at: number, known = -1): number {
  const before = f.before;
  if (before !== null && at > 0) {
    const c = text.charCodeAt(at - 1);
    if (c < 128 && before[c] === 1) return -1;
  }
  const n = text.length;
  let p = at + known;
  if (known < 0) {
    const prefixes = f.prefixes;
    p = -1;
    for (let k = 0; k < prefixes.length; k++) {
      const prefix = prefixes[k] as string;
      if (standsAt(text, at, prefix)) {
        p = at + prefix.length;
        break;
      }
    }
    if (p < 0) return -1;
  }
  const parts = f.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Part;
    const literal = part.literal;
    if (literal !== '') {
      if (!standsAt(text, p, literal)) return -1;
      p += literal.length;
      continue;
    }
    const member = part.member;
    let q: number;
    if (member === lastMember && p >= lastFrom && p <= lastEnd && text === lastText) q = lastEnd;
    else {
      q = p;
      while (q < n) {
        const c = text.charCodeAt(q);
        if (c >= 128 || member[c] === 0) break;
        q++;
      }
      lastMember = member;
      lastText = text;
      lastFrom = p;
      lastEnd = q;
    }
    // at most `max` of the stretch
    if (q - p > part.max) q = p + part.max;
    if (q - p < part.min) return -1;
    p = q;
  }
  const after = f.after;
  if (after !== null) {
    const c = text.charCodeAt(p);
    if (c < 128 && after[c] === 1) return -1;
  }
  return p;
}
