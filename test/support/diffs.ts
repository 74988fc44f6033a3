/**
 * Real-shaped unified diffs for review tests, as git writes them: one hunk of a modified file, an
 * added file, or the change between two versions of a file.
 */

/** A one-hunk modification of `file`: lines starting with -, + or a space are the diff's, others context. */
export function diffOf(file: string, start: number, body: string, heading = ''): string {
  const lines = body.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const old = lines.filter((l) => !l.startsWith('+')).length;
  const now = lines.filter((l) => !l.startsWith('-')).length;
  return (
    [
      `diff --git a/${file} b/${file}`,
      'index 1111111..2222222 100644',
      `--- a/${file}`,
      `+++ b/${file}`,
      `@@ -${start},${old} +${start},${now} @@${heading ? ` ${heading}` : ''}`,
      ...lines.map((l) => (/^[-+ ]/.test(l) ? l : ` ${l}`)),
    ].join('\n') + '\n'
  );
}

/** An added file, whole. */
export function added(file: string, text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  return (
    [`diff --git a/${file} b/${file}`, 'new file mode 100644', 'index 0000000..3333333', '--- /dev/null', `+++ b/${file}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n') +
    '\n'
  );
}

/** A whole-file git diff between two texts, in one hunk. */
export function gitDiff(file: string, before: string, after: string): string {
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - 3);
  const oldEnd = a.length - Math.max(0, tail - 3);
  const newEnd = b.length - Math.max(0, tail - 3);
  const lines = [
    ...a.slice(from, head).map((l) => ` ${l}`),
    ...a.slice(head, a.length - tail).map((l) => `-${l}`),
    ...b.slice(head, b.length - tail).map((l) => `+${l}`),
    ...a.slice(a.length - tail, oldEnd).map((l) => ` ${l}`),
  ];
  return [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`, `@@ -${from + 1},${oldEnd - from} +${from + 1},${newEnd - from} @@`, ...lines].join('\n') + '\n';
}

/** The issue's example: a GKE node pool moved to a machine type the table lacks, with two T4s added. */
export const GKE_T4_POOL = diffOf(
  'infra/gke.tf',
  12,
  `
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
`,
);
