/**
 * Northwind Labs, the fictional company of `penny demo`: its teams, cloud resources, LLM features
 * and the situations planted for Penny's scans to find (listed in PLANTED and in the README).
 */

export const TEAMS = ['search', 'checkout', 'support', 'data', 'platform', 'ml'] as const;
export type Team = (typeof TEAMS)[number];

export interface CloudResource {
  provider: 'AWS' | 'Google Cloud' | 'Microsoft';
  service: string;
  category: string;
  resourceId: string;
  resourceType: string;
  region: string;
  sku: string;
  unit: string;
  /** Typical effective cost per day in USD. */
  daily: number;
  team?: Team;
  environment?: 'prod' | 'staging' | 'dev';
  /** Utilisation metrics reported for it (compute only). */
  metrics?: ('cpu' | 'gpu' | 'memory')[];
  /** Weekend usage relative to weekdays. */
  weekend: number;
}

export const ACCOUNTS = {
  AWS: {
    billingAccountId: '210987654321',
    billingAccountName: 'Northwind Labs',
    invoiceIssuer: 'Amazon Web Services, Inc.',
    subAccounts: [
      ['111122223333', 'northwind-prod'],
      ['444455556666', 'northwind-staging'],
    ],
  },
  'Google Cloud': { billingAccountId: '01A2B3-C4D5E6-F7A8B9', billingAccountName: 'Northwind Labs GCP', invoiceIssuer: 'Google', subAccounts: [['northwind-analytics', 'northwind-analytics']] },
  Microsoft: {
    billingAccountId: '/providers/Microsoft.Billing/billingAccounts/77441',
    billingAccountName: 'Northwind Labs EA',
    invoiceIssuer: 'Microsoft',
    subAccounts: [['6f1e7c2a-0d4b-4e55-9a61-1b2c3d4e5f60', 'northwind-legacy']],
  },
} as const;

const aws = (
  service: string,
  category: string,
  id: string,
  type: string,
  sku: string,
  unit: string,
  daily: number,
  team: Team | undefined,
  environment: CloudResource['environment'],
  extra: Partial<CloudResource> = {},
): CloudResource => ({
  provider: 'AWS',
  service,
  category,
  resourceId: id,
  resourceType: type,
  region: 'us-east-1',
  sku,
  unit,
  daily,
  team,
  environment,
  weekend: 0.85,
  ...extra,
});

/** The planted GPU instance that costs money while doing nothing. */
export const IDLE_GPU = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1d1e6b0c5e7f001';
/** The service whose cost spikes in the last days. */
export const SPIKE = { service: 'Amazon CloudWatch', resourceId: 'arn:aws:logs:us-east-1:111122223333:log-group:/platform/ingest', factor: 6, daysBeforeEnd: 2 };

export const CLOUD_RESOURCES: CloudResource[] = [
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0search01', 'Instance', 'm6i.2xlarge', 'Hrs', 9.2, 'search', 'prod', { metrics: ['cpu', 'memory'] }),
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0search02', 'Instance', 'm6i.2xlarge', 'Hrs', 9.2, 'search', 'prod', { metrics: ['cpu', 'memory'] }),
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:444455556666:instance/i-0search-stg', 'Instance', 'm6i.xlarge', 'Hrs', 4.6, 'search', 'staging', {
    metrics: ['cpu'],
    weekend: 1,
  }),
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0checkout01', 'Instance', 'c6i.4xlarge', 'Hrs', 16.3, 'checkout', 'prod', { metrics: ['cpu'] }),
  aws('Amazon Elastic Compute Cloud', 'Compute', IDLE_GPU, 'Instance', 'g5.12xlarge', 'Hrs', 136.1, 'ml', 'prod', { metrics: ['cpu', 'gpu'], weekend: 1 }),
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1d1e6b0c5e7f002', 'Instance', 'g5.12xlarge', 'Hrs', 136.1, 'ml', 'prod', {
    metrics: ['cpu', 'gpu'],
    weekend: 1,
  }),
  aws('Amazon Elastic Compute Cloud', 'Compute', 'arn:aws:ec2:us-east-1:444455556666:instance/i-0dev-sandbox', 'Instance', 't3.xlarge', 'Hrs', 4.0, undefined, 'dev', { metrics: ['cpu'], weekend: 1 }),
  aws('Amazon Simple Storage Service', 'Storage', 'arn:aws:s3:::northwind-search-index', 'Bucket', 'TimedStorage-ByteHrs', 'GB-Mo', 21.0, 'search', 'prod', { weekend: 1 }),
  aws('Amazon Simple Storage Service', 'Storage', 'arn:aws:s3:::northwind-data-lake', 'Bucket', 'TimedStorage-ByteHrs', 'GB-Mo', 64.0, 'data', 'prod', { weekend: 1 }),
  aws('Amazon Simple Storage Service', 'Storage', 'arn:aws:s3:::northwind-misc-uploads', 'Bucket', 'TimedStorage-ByteHrs', 'GB-Mo', 7.5, undefined, undefined, { weekend: 1 }),
  aws('Amazon Relational Database Service', 'Databases', 'arn:aws:rds:us-east-1:111122223333:db:checkout-db', 'DB Instance', 'db.r6g.2xlarge', 'Hrs', 39.4, 'checkout', 'prod', { weekend: 1 }),
  aws('AWS Lambda', 'Compute', 'arn:aws:lambda:us-east-1:111122223333:function:checkout-webhooks', 'Function', 'Lambda-GB-Second', 'GB-Seconds', 5.1, 'checkout', 'prod', { weekend: 0.6 }),
  aws('Amazon CloudFront', 'Networking', 'arn:aws:cloudfront::111122223333:distribution/E2NWL', 'Distribution', 'DataTransfer-Out-Bytes', 'GB', 18.7, 'platform', 'prod', { weekend: 0.7 }),
  aws('Amazon DynamoDB', 'Databases', 'arn:aws:dynamodb:us-east-1:111122223333:table/sessions', 'Table', 'ReadRequestUnits', 'ReadRequestUnits', 11.2, 'support', 'prod'),
  aws('Amazon Elastic Kubernetes Service', 'Compute', 'arn:aws:eks:us-east-1:111122223333:cluster/platform-main', 'Cluster', 'AmazonEKS-Hours:perCluster', 'Hrs', 2.4, 'platform', 'prod', {
    weekend: 1,
  }),
  aws('Amazon ElastiCache', 'Databases', 'arn:aws:elasticache:us-east-1:111122223333:cluster:search-cache', 'Cache Cluster', 'cache.r6g.large', 'Hrs', 7.6, 'search', 'prod', { weekend: 1 }),
  aws(SPIKE.service, 'Management and Governance', SPIKE.resourceId, 'Log Group', 'DataProcessing-Bytes', 'GB', 14.8, 'platform', 'prod'),
  aws('Amazon Virtual Private Cloud', 'Networking', 'arn:aws:ec2:us-east-1:111122223333:natgateway/nat-0platform', 'NAT Gateway', 'NatGateway-Bytes', 'GB', 12.9, 'platform', 'prod'),
  aws('Amazon SageMaker', 'AI and Machine Learning', 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/ranker', 'Endpoint', 'ml.g5.xlarge-Hosting', 'Hrs', 33.9, 'ml', 'prod', { weekend: 1 }),
  {
    provider: 'Google Cloud',
    service: 'Compute Engine',
    category: 'Compute',
    resourceId: 'projects/northwind-analytics/zones/us-central1-a/instances/etl-runner',
    resourceType: 'Instance',
    region: 'us-central1',
    sku: 'N2 Instance Core',
    unit: 'Hours',
    daily: 14.2,
    team: 'data',
    environment: 'prod',
    metrics: ['cpu'],
    weekend: 0.9,
  },
  {
    provider: 'Google Cloud',
    service: 'Cloud Storage',
    category: 'Storage',
    resourceId: 'projects/northwind-analytics/buckets/raw-events',
    resourceType: 'Bucket',
    region: 'us-central1',
    sku: 'Standard Storage',
    unit: 'GiB-months',
    daily: 9.8,
    team: 'data',
    environment: 'prod',
    weekend: 1,
  },
  {
    provider: 'Google Cloud',
    service: 'BigQuery',
    category: 'Analytics',
    resourceId: 'projects/northwind-analytics/datasets/warehouse',
    resourceType: 'Dataset',
    region: 'us',
    sku: 'Analysis',
    unit: 'TiB',
    daily: 41.5,
    team: 'data',
    environment: 'prod',
    weekend: 0.4,
  },
  {
    provider: 'Google Cloud',
    service: 'Cloud SQL',
    category: 'Databases',
    resourceId: 'projects/northwind-analytics/instances/metadata-pg',
    resourceType: 'Instance',
    region: 'us-central1',
    sku: 'DB custom CORE',
    unit: 'Hours',
    daily: 6.3,
    team: 'data',
    environment: 'staging',
    weekend: 1,
  },
  {
    provider: 'Google Cloud',
    service: 'Cloud Run',
    category: 'Compute',
    resourceId: 'projects/northwind-analytics/services/report-api',
    resourceType: 'Service',
    region: 'us-central1',
    sku: 'CPU Allocation Time',
    unit: 'vCPU-Seconds',
    daily: 3.1,
    weekend: 0.5,
  },
  {
    provider: 'Microsoft',
    service: 'Virtual Machines',
    category: 'Compute',
    resourceId: '/subscriptions/6f1e7c2a/resourceGroups/legacy/providers/Microsoft.Compute/virtualMachines/erp-vm',
    resourceType: 'Virtual machine',
    region: 'eastus',
    sku: 'D4s v5',
    unit: '1 Hour',
    daily: 8.9,
    team: 'platform',
    environment: 'prod',
    metrics: ['cpu'],
    weekend: 1,
  },
  {
    provider: 'Microsoft',
    service: 'Storage',
    category: 'Storage',
    resourceId: '/subscriptions/6f1e7c2a/resourceGroups/legacy/providers/Microsoft.Storage/storageAccounts/erpbackups',
    resourceType: 'Storage account',
    region: 'eastus',
    sku: 'Hot LRS Data Stored',
    unit: '1 GB/Month',
    daily: 2.7,
    weekend: 1,
  },
  {
    provider: 'Microsoft',
    service: 'Azure Cosmos DB',
    category: 'Databases',
    resourceId: '/subscriptions/6f1e7c2a/resourceGroups/legacy/providers/Microsoft.DocumentDB/databaseAccounts/catalog',
    resourceType: 'Azure Cosmos DB account',
    region: 'eastus',
    sku: '100 RU/s',
    unit: '100 RU/s/Hour',
    daily: 5.6,
    team: 'checkout',
    environment: 'prod',
    weekend: 1,
  },
];

export interface AiFeature {
  team: Team;
  feature: string;
  provider: string;
  model: string;
  responseModel: string;
  callsPerDay: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  /** Calls per agent task, when the feature runs as tasks. */
  callsPerTask?: number;
  /** A stable hash of the prompt's fixed prefix, for the caching check. */
  promptPrefixHash?: string;
}

export const AI_FEATURES: AiFeature[] = [
  { team: 'search', feature: 'query-rewrite', provider: 'openai', model: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18', callsPerDay: 500, inputTokens: 700, outputTokens: 60 },
  {
    team: 'search',
    feature: 'answer-synthesis',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    responseModel: 'claude-sonnet-4-5-20250929',
    callsPerDay: 150,
    inputTokens: 3200,
    outputTokens: 420,
    cacheReadTokens: 2400,
  },
  { team: 'support', feature: 'support-agent', provider: 'openai', model: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06', callsPerDay: 225, inputTokens: 2500, outputTokens: 260, callsPerTask: 4.5 },
  { team: 'checkout', feature: 'fraud-triage', provider: 'openai', model: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06', callsPerDay: 300, inputTokens: 380, outputTokens: 3 },
  {
    team: 'data',
    feature: 'report-builder',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    responseModel: 'claude-sonnet-4-5-20250929',
    callsPerDay: 120,
    inputTokens: 9000,
    outputTokens: 800,
    promptPrefixHash: 'sha256:5f1c0e9a7b3d',
  },
  { team: 'platform', feature: 'log-summarizer', provider: 'gcp.gemini', model: 'gemini-2.0-flash', responseModel: 'gemini-2.0-flash', callsPerDay: 200, inputTokens: 1500, outputTokens: 150 },
];

/** Agent loop: in the last days some support-agent tasks make this many calls and fail. */
export const AGENT_LOOP = { feature: 'support-agent', daysBeforeEnd: 3, share: 0.15, calls: 40 };

export const BUDGET_NEAR_LIMIT = { team: 'support' as Team, consumed: 0.82 };

/** Who owns what at Northwind: Slack user ids and emails, with each team's alert channel. */
export const OWNERS_YAML = `# Northwind Labs: teams own their tagged spend; the GPU fleet has a named owner.
owners:
  - match: { team: search }
    owners: [U04SEARCH1, maya.chen@northwind.example]
    escalation: "#search-oncall"
  - match: { team: checkout }
    owners: [U04CHECK01, omar.haddad@northwind.example]
    escalation: "#checkout-eng"
  - match: { team: support }
    owners: [U04SUPP001, lena.fischer@northwind.example]
    escalation: "#support-ai"
  - match: { team: data }
    owners: [U04DATA001]
    escalation: "#data-platform"
  - match: { team: platform }
    owners: [U04PLAT001, sam.okoro@northwind.example]
    escalation: "#platform"
  - match: { team: ml }
    owners: [U04MLOPS01]
    escalation: "#ml-infra"
  - match: { resource_id: "${IDLE_GPU}" }
    owners: [priya.raman@northwind.example]
default_channel: "#finops"
`;

/** What `penny demo` plants for the scans to find; the README lists the same. */
export const PLANTED = [
  { situation: 'spend spike', where: `${SPIKE.service} (${SPIKE.resourceId}), ×${SPIKE.factor} from ${SPIKE.daysBeforeEnd} days before the end` },
  { situation: 'idle GPU instance', where: `${IDLE_GPU}: g5.12xlarge at ~$136/day with GPU use under 3 %` },
  { situation: 'premium model on short classification calls', where: 'checkout/fraud-triage: gpt-4o, ~380 input and 1–5 output tokens per call' },
  { situation: 'repeated identical prompts without caching', where: 'data/report-builder: claude-sonnet-4-5, the same ~8,500-token prompt prefix, no cache reads' },
  { situation: 'agent loop', where: `support/support-agent: from ${AGENT_LOOP.daysBeforeEnd} days before the end, ${AGENT_LOOP.share * 100} % of tasks make ~${AGENT_LOOP.calls} calls and fail` },
  { situation: 'team over 75 % of budget', where: `team=${BUDGET_NEAR_LIMIT.team}: monthly budget set so that month-to-date spend is ${BUDGET_NEAR_LIMIT.consumed * 100} % of it` },
  { situation: 'untagged spend', where: 'a dev sandbox instance, an S3 bucket, a Cloud Run service and an Azure storage account carry no team tag' },
];
