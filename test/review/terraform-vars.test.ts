/**
 * Terraform compute set through variables and `dynamic` blocks, from real-shaped diffs written from
 * the google and aws providers' documented arguments: a GKE node pool whose machine type is a
 * variable (its default in variables.tf changed in the same pull request) and whose GPUs are a
 * `dynamic "guest_accelerator"` block; and a pull request that only changes a tfvars value, which
 * prices the module's main.tf (read from the checkout) with the old and the new value.
 */
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { gitDiff } from '../support/diffs.ts';

const AS_OF = '2026-01-20';
const t = priceTable();
const review = (diff: string, files: Record<string, string> = {}) => reviewDiff({ diff, config: parseConfig('features: []'), history: emptyHistory(AS_OF), asOf: AS_OF, read: async (p) => files[p] });

const NODE_POOL = `resource "google_container_node_pool" "inference" {
  name       = "inference"
  cluster    = google_container_cluster.ml.id
  node_count = var.inference_nodes

  node_config {
    machine_type = var.inference_machine_type

    dynamic "guest_accelerator" {
      for_each = var.gpus_per_node > 0 ? [1] : []
      content {
        type  = "nvidia-tesla-t4"
        count = var.gpus_per_node
      }
    }
  }
}
`;
const variables = (machine: string, nodes: number, gpus: number) => `variable "inference_machine_type" {
  type    = string
  default = "${machine}"
}

variable "inference_nodes" {
  type    = number
  default = ${nodes}
}

variable "gpus_per_node" {
  type    = number
  default = ${gpus}
}
`;

it('a machine type and GPU count from variable defaults changed in the same pull request, GPUs in a dynamic block', async () => {
  const diff = gitDiff('infra/gke/variables.tf', variables('n1-standard-4', 2, 1), variables('n1-standard-8', 2, 2));
  const r = await review(diff, { 'infra/gke/variables.tf': variables('n1-standard-8', 2, 2), 'infra/gke/main.tf': NODE_POOL });
  expect(r.items).toHaveLength(1);
  const item = r.items[0]!;
  expect(item).toMatchObject({ file: 'infra/gke/main.tf', line: 1, before: '2× n1-standard-4 + 1× nvidia-tesla-t4', after: '2× n1-standard-8 + 2× nvidia-tesla-t4', basis: 'price table' });
  const expected = 2 * (t.instance('n1-standard-8')! - t.instance('n1-standard-4')!) * 730 + 2 * t.accelerator('nvidia-tesla-t4')! * 730;
  expect(item.monthlyDelta).toBeCloseTo(expected, 2);
});

it('a GPU count variable set to 0 removes the GPUs (the dynamic block makes none)', async () => {
  const diff = gitDiff('infra/gke/variables.tf', variables('n1-standard-8', 2, 2), variables('n1-standard-8', 2, 0));
  const r = await review(diff, { 'infra/gke/variables.tf': variables('n1-standard-8', 2, 0), 'infra/gke/main.tf': NODE_POOL });
  expect(r.items[0]).toMatchObject({ before: '2× n1-standard-8 + 2× nvidia-tesla-t4', after: '2× n1-standard-8' });
  expect(r.items[0]!.monthlyDelta).toBeCloseTo(-4 * t.accelerator('nvidia-tesla-t4')! * 730, 2);
});

it('only a tfvars value changed: the module’s main.tf is priced with the old and the new value', async () => {
  const main = `resource "aws_eks_node_group" "gpu" {
  cluster_name    = var.cluster_name
  node_group_name = "gpu"
  node_role_arn   = var.node_role_arn
  subnet_ids      = var.private_subnets
  instance_types  = [var.gpu_instance_type]

  scaling_config {
    desired_size = var.gpu_nodes
    min_size     = 1
    max_size     = 10
  }
}
`;
  const prod = (nodes: number) => `cluster_name      = "ml-prod"\ngpu_instance_type = "g5.2xlarge"\ngpu_nodes         = ${nodes}\n`;
  const r = await review(gitDiff('envs/prod/terraform.tfvars', prod(2), prod(5)), { 'envs/prod/main.tf': main, 'envs/prod/terraform.tfvars': prod(5) });
  expect(r.items).toHaveLength(1);
  expect(r.items[0]).toMatchObject({ file: 'envs/prod/main.tf', before: '2× g5.2xlarge (scales to 10)', after: '5× g5.2xlarge (scales to 10)' });
  expect(r.items[0]!.monthlyDelta).toBeCloseTo(3 * t.instance('g5.2xlarge')! * 730, 2);
});
