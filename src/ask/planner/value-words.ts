/**
 * The words names are read by (values.ts): nicknames of services and providers, vendor words said
 * before a service's own name, words too common to name a service, and the pronouns and common
 * words a stored value may be spelled like.
 */

/**
 * Common names of cloud services and providers, as words of their stored names. Looked up by any
 * word of a question, so it has no prototype: "constructor" is no nickname.
 */
export const NICKNAMES: Readonly<Record<string, string[]>> = Object.assign(Object.create(null) as Record<string, string[]>, {
  ec2: ['elastic compute cloud'],
  s3: ['simple storage service'],
  rds: ['relational database service'],
  eks: ['elastic kubernetes service'],
  ecs: ['elastic container service'],
  ebs: ['elastic block store'],
  vpc: ['virtual private cloud'],
  elasticache: ['elasticache'],
  gce: ['compute engine'],
  gcs: ['cloud storage'],
  gke: ['kubernetes engine'],
  bq: ['bigquery'],
  aks: ['kubernetes service'],
  cosmos: ['cosmos db'],
  vms: ['virtual machines'],
  azure: ['microsoft'],
  // "what did we pay Microsoft": the provider, stored as Microsoft Azure or Microsoft.
  microsoft: ['microsoft'],
  gcp: ['google cloud'],
  google: ['google cloud'],
  amazon: ['aws'],
  amazonwebservices: ['aws'],
  googlecloudplatform: ['google cloud'],
  production: ['prod'],
  prd: ['prod'],
  stage: ['staging'],
  stg: ['staging'],
  development: ['dev'],
  claude: ['claude'],
  // "what does chatgpt cost us": OpenAI's models, as people outside engineering call them.
  chatgpt: ['openai'],
  // "ML services", "AI/ML", "AI and ML": the service category AI and Machine Learning.
  ml: ['machine learning'],
  aiml: ['ai and machine learning'],
  aiandml: ['ai and machine learning'],
});

/** Words that begin stored service names but say nothing on their own. */
export const VENDOR_PREFIX = /^(?:amazon|aws|azure|microsoft|google|gcp|cloud)\s+/;
export const GENERIC = /^(?:cloud|services?|storage|compute|platform)$/;
/** Vendor words said before a service's own name; a generic name ("Storage") gets none, it names no vendor's. */
export const VENDORS = ['aws', 'amazon', 'azure', 'microsoft', 'google', 'gcp'];
/** Words of service names too common to name a service on their own. */
export const SERVICE_WORDS = new Set(
  (
    'amazon azure microsoft google cloud service services elastic simple storage compute engine platform database databases data ' +
    'virtual machine machines private network networking manager management relational block container web instance instances'
  ).split(' '),
);
/**
 * Pronouns and common English words: a stored value spelled like one ("us", a GCP region) is
 * matched only beside a word naming its dimension ("the us region"), never on its own ("cost us").
 */
export const STOP_WORDS = new Set(
  (
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'no not yes more most less least other new old same next first second top best big small high low ' +
    'here there now then up down out off into onto if else but'
  ).split(' '),
);
