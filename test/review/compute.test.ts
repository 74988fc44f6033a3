/**
 * Compute in Terraform priced from the price table, from real-shaped diffs: a machine type the
 * table lacks leaves the rest of the change priced (and named), and node groups inside modules
 * (terraform-aws-modules/eks, terraform-google-modules/kubernetes-engine, Azure/aks), GKE and AKS
 * node pools, and count / for_each are counted.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';

const AS_OF = '2026-01-20';
const t = priceTable();
const HOURS = t.hoursPerMonth;
const review = (diff: string, read?: (p: string) => Promise<string | undefined>) =>
  reviewDiff({ diff, config: parseConfig('features: []'), history: emptyHistory(AS_OF), asOf: AS_OF, ...(read ? { read } : {}) });

/** A one-hunk modification of `file`: lines starting with -, + or a space are the diff's, others context. */
function diffOf(file: string, start: number, body: string, heading = ''): string {
  const lines = body.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const old = lines.filter((l) => !l.startsWith('+')).length;
  const now = lines.filter((l) => !l.startsWith('-')).length;
  return [`diff --git a/${file} b/${file}`, 'index 1111111..2222222 100644', `--- a/${file}`, `+++ b/${file}`, `@@ -${start},${old} +${start},${now} @@${heading ? ` ${heading}` : ''}`, ...lines.map((l) => (/^[-+ ]/.test(l) ? l : ` ${l}`))].join('\n') + '\n';
}

/** An added file, whole. */
function added(file: string, text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  return [`diff --git a/${file} b/${file}`, 'new file mode 100644', 'index 0000000..3333333', '--- /dev/null', `+++ b/${file}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n') + '\n';
}

describe('a price table that lacks one machine type', () => {
  it('prices the GPUs of a GKE node pool on an unlisted machine type, and names the machine type', async () => {
    expect(t.instance('n1-standard-16')).toBeUndefined();
    const r = await review(diffOf('infra/gke.tf', 12, `
resource "google_container_node_pool" "inference" {
  name       = "inference"
  cluster    = google_container_cluster.main.id
  node_count = 1

  node_config {
-    machine_type = "n1-standard-8"
+    machine_type = "n1-standard-16"
+    guest_accelerator {
+      type  = "nvidia-tesla-t4"
+      count = 2
+    }
     oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
   }
 }
`));
    expect(r.items).toHaveLength(1);
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'infrastructure', before: '1× n1-standard-8', after: '1× n1-standard-16 + 2× nvidia-tesla-t4', basis: 'price table', unpriced: ['n1-standard-16'] });
    expect(item.monthlyDelta).toBeCloseTo(2 * t.accelerator('nvidia-tesla-t4')! * HOURS, 2);
    expect(item.monthlyDelta).toBeCloseTo(511, 0);
    expect(item.note).toMatch(/n1-standard-16: no price in the table, not counted; 2× nvidia-tesla-t4 per node on 1 node \(was none\): \+\$511\.00\/month/);
    expect(r.unestimated).toBe(0);
    const body = renderComment(r);
    expect(body).toContain('| +$511.00 (without n1-standard-16) | price table |');
    expect(body).toContain('(1 priced in part)');
  });

  it('a change of unlisted types only has no figure; an unlisted type left as it is costs nothing extra', async () => {
    const r = await review(diffOf('infra/ml.tf', 1, `
resource "aws_instance" "trainer" {
   ami           = data.aws_ami.dl.id
-  instance_type = "x2iedn.32xlarge"
+  instance_type = "x2iedn.24xlarge"
 }
resource "google_compute_instance" "embedder" {
   machine_type = "n1-standard-16"
   guest_accelerator {
     type  = "nvidia-tesla-t4"
-    count = 1
+    count = 4
   }
 }
`));
    const by = (address: string) => r.items.find((i) => i.note.startsWith(address))!;
    expect(by('aws_instance.trainer')).toMatchObject({ monthlyDelta: null, basis: 'price table' });
    expect(by('aws_instance.trainer').note).toBe('aws_instance.trainer: x2iedn.32xlarge, x2iedn.24xlarge: no price in the table, not counted');
    const embedder = by('google_compute_instance.embedder');
    expect(embedder.monthlyDelta).toBeCloseTo(3 * t.accelerator('nvidia-tesla-t4')! * HOURS, 2);
    expect(embedder.unpriced).toBeUndefined();
  });
});
