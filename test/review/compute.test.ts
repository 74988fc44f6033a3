/**
 * Compute in Terraform priced from the price table, from real-shaped diffs: a machine type the
 * table lacks leaves the rest of the change priced (and named), and node groups inside modules
 * (terraform-aws-modules/eks, terraform-google-modules/kubernetes-engine, Azure/aks), GKE and AKS
 * node pools, and count / for_each are counted.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/review/config.ts';
import type { ReviewItem } from '../../src/review/estimate.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { added, diffOf, GKE_T4_POOL, gitDiff } from '../support/diffs.ts';

const AS_OF = '2026-01-20';
const t = priceTable();
const HOURS = t.hoursPerMonth;
const review = (diff: string, read?: (p: string) => Promise<string | undefined>) =>
  reviewDiff({ diff, config: parseConfig('features: []'), history: emptyHistory(AS_OF), asOf: AS_OF, ...(read ? { read } : {}) });

describe('a price table that lacks one machine type', () => {
  it('prices the GPUs of a GKE node pool on an unlisted machine type, and names the machine type', async () => {
    expect(t.instance('n1-standard-16')).toBeUndefined();
    const r = await review(GKE_T4_POOL);
    expect(r.items).toHaveLength(1);
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'infrastructure', before: '1× n1-standard-8', after: '1× n1-standard-16 + 2× nvidia-tesla-t4', basis: 'price table', unpriced: ['n1-standard-16'] });
    expect(item.monthlyDelta).toBeCloseTo(2 * t.accelerator('nvidia-tesla-t4')! * HOURS, 2);
    expect(item.monthlyDelta).toBeCloseTo(511, 0);
    expect(item.note).toMatch(/n1-standard-16: no price found, not counted; 2× nvidia-tesla-t4 per node on 1 node \(was none\): \+\$511\.00\/month \(price table, 2025-06\)$/);
    expect(r.unestimated).toBe(0);
    const body = renderComment(r);
    expect(body).toContain('| +$511.00 (without n1-standard-16) | price table |');
    expect(body).toContain('(1 priced in part)');
  });

  it('a change of unlisted types only has no figure; an unlisted type left as it is costs nothing extra', async () => {
    const r = await review(
      diffOf(
        'infra/ml.tf',
        1,
        `
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
`,
      ),
    );
    const by = (address: string) => r.items.find((i) => i.note.startsWith(address))!;
    expect(by('aws_instance.trainer')).toMatchObject({ monthlyDelta: null, basis: 'price table' });
    expect(by('aws_instance.trainer').note).toBe('aws_instance.trainer: x2iedn.32xlarge, x2iedn.24xlarge: no price found, not counted');
    const embedder = by('google_compute_instance.embedder');
    expect(embedder.monthlyDelta).toBeCloseTo(3 * t.accelerator('nvidia-tesla-t4')! * HOURS, 2);
    expect(embedder.unpriced).toBeUndefined();
  });
});

describe('node groups and pools in modules and cluster resources', () => {
  const by = (items: ReviewItem[], address: string) => items.find((i) => i.note.startsWith(`${address}:`))!;

  it('terraform-aws-modules/eks: a managed node group from 1× p3.16xlarge to 2× g5.12xlarge, seen from a hunk', async () => {
    const r = await review(
      diffOf(
        'infra/eks.tf',
        30,
        `
  eks_managed_node_groups = {
    general = {
      instance_types = ["m5.large"]
      min_size       = 2
      max_size       = 6
      desired_size   = 3
    }
    gpu = {
-      instance_types = ["p3.16xlarge"]
+      instance_types = ["g5.12xlarge"]
      ami_type       = "AL2_x86_64_GPU"
      min_size       = 1
      max_size       = 4
-      desired_size   = 1
+      desired_size   = 2
    }
  }
`,
        'module "eks" {',
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ kind: 'infrastructure', line: 37, before: '1× p3.16xlarge (scales to 4)', after: '2× g5.12xlarge (scales to 4)', basis: 'price table' });
    expect(r.items[0]!.note).toMatch(/^module\.eks\.eks_managed_node_groups\.gpu: /);
    expect(r.items[0]!.monthlyDelta).toBeCloseTo((2 * t.instance('g5.12xlarge')! - t.instance('p3.16xlarge')!) * HOURS, 2);
  });

  it('terraform-aws-modules/eks: a new GPU node group and a self-managed group resized, in a file read whole, times the module for_each', async () => {
    const before = `module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name    = "ml"
  cluster_version = "1.30"

  eks_managed_node_group_defaults = {
    instance_types = ["m6i.large"]
  }

  self_managed_node_groups = {
    batch = {
      instance_type = "c6i.xlarge"
      min_size      = 1
      max_size      = 10
      desired_size  = 2
    }
  }
}
`;
    const after = before
      .replace(
        '  self_managed_node_groups = {',
        `  eks_managed_node_groups = {
    inference = {
      instance_types = ["g5.12xlarge", "g5.16xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 2
      max_size       = 2
      desired_size   = 2
    }
  }

  self_managed_node_groups = {`,
      )
      .replace('desired_size  = 2', 'desired_size  = 4');
    const file = 'infra/clusters.tf';
    const diff = gitDiff(file, before, after);
    const r = await review(diff, async (p) => (p === file ? after : undefined));
    expect(r.items).toHaveLength(2);
    const inference = by(r.items, 'module.eks.eks_managed_node_groups.inference');
    expect(inference).toMatchObject({ before: 'none', after: '2× g5.12xlarge' });
    expect(inference.monthlyDelta).toBeCloseTo(2 * t.instance('g5.12xlarge')! * HOURS, 2);
    const batch = by(r.items, 'module.eks.self_managed_node_groups.batch');
    expect(batch).toMatchObject({ before: '2× c6i.xlarge (scales to 10)', after: '4× c6i.xlarge (scales to 10)' });
    expect(batch.monthlyDelta).toBeCloseTo(2 * t.instance('c6i.xlarge')! * HOURS, 2);

    // The same module once per region: for_each over three keys triples every group.
    const perRegion = (text: string) =>
      text.replace('  source  = "terraform-aws-modules/eks/aws"', '  for_each = toset(["us-east-1", "us-west-2", "eu-west-1"])\n  source  = "terraform-aws-modules/eks/aws"');
    const tripled = await review(gitDiff(file, perRegion(before), perRegion(after)), async (p) => (p === file ? perRegion(after) : undefined));
    expect(tripled.monthlyDelta).toBeCloseTo(3 * r.monthlyDelta, 1);
  });

  it('terraform-google-modules GKE: a T4 pool added to node_pools is priced with its accelerators', async () => {
    const r = await review(
      diffOf(
        'infra/gke.tf',
        20,
        `
  node_pools = [
    {
      name         = "default-pool"
      machine_type = "e2-standard-4"
      min_count    = 1
      max_count    = 5
    },
+    {
+      name               = "t4-pool"
+      machine_type       = "n1-standard-8"
+      accelerator_type   = "nvidia-tesla-t4"
+      accelerator_count  = 2
+      gpu_driver_version = "LATEST"
+      node_count         = 2
+    },
  ]
`,
        'module "gke" {',
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ before: 'none', after: '2× n1-standard-8 + 2× nvidia-tesla-t4' });
    expect(r.items[0]!.note).toMatch(/^module\.gke\.node_pools\["t4-pool"\]: /);
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(2 * (t.instance('n1-standard-8')! + 2 * t.accelerator('nvidia-tesla-t4')!) * HOURS, 2);
  });

  it('a GKE node pool resource: node_config machine type and guest_accelerator, autoscaling minimum as the node count', async () => {
    const r = await review(
      added(
        'infra/pool.tf',
        `
resource "google_container_node_pool" "l4" {
  name    = "l4"
  cluster = google_container_cluster.main.id
  autoscaling {
    min_node_count = 2
    max_node_count = 8
  }
  node_config {
    machine_type = "g2-standard-8"
    guest_accelerator {
      type  = "nvidia-l4"
      count = 1
    }
    labels = { team = "ml" }
  }
}
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ before: 'none', after: '2× g2-standard-8 + 1× nvidia-l4 (scales to 8)' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(2 * (t.instance('g2-standard-8')! + t.accelerator('nvidia-l4')!) * HOURS, 2);
  });

  it('AKS: a node pool resource to A100s, and the Azure/aks module agents resized', async () => {
    const pool = diffOf(
      'infra/aks.tf',
      1,
      `
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
-  vm_size               = "Standard_NC6s_v3"
+  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 2
  node_taints           = ["sku=gpu:NoSchedule"]
}
`,
    );
    const mod = diffOf(
      'infra/aks-module.tf',
      3,
      `
  source              = "Azure/aks/azurerm"
  resource_group_name = azurerm_resource_group.main.name
-  agents_size         = "Standard_D4s_v3"
-  agents_count        = 3
+  agents_size         = "Standard_D8s_v5"
+  agents_count        = 4
`,
      'module "aks" {',
    );
    const r = await review(pool + mod);
    const gpu = by(r.items, 'azurerm_kubernetes_cluster_node_pool.gpu');
    expect(gpu).toMatchObject({ before: '2× Standard_NC6s_v3', after: '2× Standard_NC24ads_A100_v4' });
    expect(gpu.monthlyDelta).toBeCloseTo(2 * (t.instance('Standard_NC24ads_A100_v4')! - t.instance('Standard_NC6s_v3')!) * HOURS, 2);
    const agents = by(r.items, 'module.aks');
    expect(agents.monthlyDelta).toBeCloseTo((4 * t.instance('Standard_D8s_v5')! - 3 * t.instance('Standard_D4s_v3')!) * HOURS, 2);
  });

  it('count and for_each on a resource multiply it; a for_each over a variable is taken as 1 and said', async () => {
    const r = await review(
      added(
        'infra/workers.tf',
        `
resource "aws_instance" "worker" {
  for_each      = toset(["a", "b", "c"])
  ami           = data.aws_ami.dl.id
  instance_type = "g5.xlarge"
}

resource "aws_instance" "shard" {
  for_each      = var.shards
  instance_type = "m5.large"
}
`,
      ),
    );
    expect(by(r.items, 'aws_instance.worker')).toMatchObject({ after: '3× g5.xlarge', monthlyDelta: expect.closeTo(3 * t.instance('g5.xlarge')! * HOURS, 2) });
    expect(by(r.items, 'aws_instance.shard')).toMatchObject({ after: '1× m5.large (for_each not a literal, taken as 1)' });
  });
});

describe('Karpenter', () => {
  const nodePool = (requirements: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: gpu
spec:
  template:
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: gpu
      requirements:
${requirements}
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
      taints:
        - key: nvidia.com/gpu
          effect: NoSchedule
  limits:
    nvidia.com/gpu: 16
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: gpu
spec:
  amiSelectorTerms:
    - alias: al2023@latest
  role: KarpenterNodeRole-ml
`;

  it('a NodePool moved from p3.16xlarge to the g5 family shows the price per node, without a monthly figure', async () => {
    const before = nodePool('        - key: node.kubernetes.io/instance-type\n          operator: In\n          values: ["p3.16xlarge"]');
    const after = nodePool(
      '        - key: karpenter.k8s.aws/instance-family\n          operator: In\n          values: ["g5"]\n        - key: karpenter.k8s.aws/instance-size\n          operator: In\n          values: ["12xlarge", "24xlarge"]',
    );
    const file = 'k8s/karpenter/gpu.yaml';
    const r = await review(gitDiff(file, before, after), async (p) => (p === file ? after : undefined));
    expect(r.items).toHaveLength(1);
    const fmt = (type: string) => `$${(t.instance(type)! * HOURS).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(r.items[0]).toMatchObject({ kind: 'infrastructure', line: 1, before: 'p3.16xlarge', after: 'g5.12xlarge, g5.24xlarge', monthlyDelta: null, basis: 'price table' });
    expect(r.items[0]!.note).toBe(
      `Karpenter NodePool gpu: ${fmt('p3.16xlarge')}/month per node → ${fmt('g5.12xlarge')}–${fmt('g5.24xlarge')}/month per node; Karpenter sets the number of nodes from pending pods, so the monthly change depends on the workload (price table, ${t.date})`,
    );
    expect(r.unestimated).toBe(1);
  });
});
