// `ccnet collect`: a read-only bash script of the az commands that print the evidence ccnet reads, writing one bundle
// file to upload. Only show / list / list-effective-nsg / show-effective-route-table verbs; ccnet never holds Azure
// credentials. Names are checked against Azure's naming rules, so nothing but a name reaches the shell.

export type CollectTarget =
  | { kind: 'group'; resourceGroup: string }
  | { kind: 'vnet'; resourceGroup: string; vnet: string; subnet?: string }
  | { kind: 'nic'; resourceGroup: string; name: string }
  | { kind: 'vm'; resourceGroup: string; name: string };

const NAME = /^[A-Za-z0-9._()-]{1,90}$/;

const COLLECT_FORMS =
  'RESOURCE_GROUP, RESOURCE_GROUP/VNET, RESOURCE_GROUP/VNET/SUBNET (as in a template SubnetId), nic:RESOURCE_GROUP/NIC or vm:RESOURCE_GROUP/VM';

export function parseCollectTarget(text: string): CollectTarget | { problem: string } {
  const trimmed = text.trim();
  const prefixed = /^(nic|vm):(.+)$/i.exec(trimmed);
  const parts = (prefixed?.[2] ?? trimmed).split('/');
  const bad = parts.find((p) => !NAME.test(p));
  if (bad !== undefined || parts.length === 0) {
    return {
      problem: `"${trimmed.replace(/[^\w./:()-]/g, '?').slice(0, 60)}" is not one of ${COLLECT_FORMS}`,
    };
  }
  const [rg = '', second, third] = parts;
  if (prefixed) {
    if (parts.length !== 2 || second === undefined)
      return { problem: `${prefixed[1]}: takes ${prefixed[1]}:RESOURCE_GROUP/NAME` };
    return { kind: prefixed[1]?.toLowerCase() === 'vm' ? 'vm' : 'nic', resourceGroup: rg, name: second };
  }
  if (parts.length === 1) return { kind: 'group', resourceGroup: rg };
  if (parts.length === 2 && second) return { kind: 'vnet', resourceGroup: rg, vnet: second };
  if (parts.length === 3 && second && third)
    return { kind: 'vnet', resourceGroup: rg, vnet: second, subnet: third };
  return { problem: `"${trimmed.slice(0, 60)}" has too many parts: use ${COLLECT_FORMS}` };
}

export interface CollectOptions {
  targets: CollectTarget[];
  /** Lines about the template (its subnets, a `$Param` that needs --param), printed as comments. */
  comments?: string[];
}

export function collectScript(o: CollectOptions): string {
  const body = o.targets.flatMap(commandsFor);
  const header = [
    '#!/usr/bin/env bash',
    '# ccnet collect: read-only az commands (show / list only) that print the network evidence ccnet reads.',
    '# Run it where az is logged in (Cloud Shell works), then upload the file it writes into the ccnet thread,',
    '# or: ccnet diagnose --evidence ccnet-evidence.json. It changes nothing in Azure.',
    ...(o.comments ?? []).map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
    'set -u',
    `OUT=${'$'}{1:-ccnet-evidence.json}`,
    `MAX_NICS=${'$'}{CCNET_MAX_NICS:-8}`,
    'first=1',
    'printf \'{"ccnetEvidence":1,"items":[\\n\' > "$OUT"',
    '# emit az …: runs one read-only az command and appends its JSON (or that it failed) to the bundle.',
    'emit() {',
    '  local label="$*" out item',
    '  if out=$("$@" -o json 2>/dev/null) && [ -n "$out" ]; then',
    '    item=$(printf \'{"command":"%s","output":%s}\' "$label" "$out")',
    '  else',
    '    item=$(printf \'{"command":"%s","failed":true}\' "$label")',
    '    echo "ccnet collect: no output from: $label" >&2',
    '  fi',
    '  if [ "$first" -eq 1 ]; then first=0; else printf \',\\n\' >> "$OUT"; fi',
    '  printf \'%s\' "$item" >> "$OUT"',
    '}',
    '# safe NAME: Azure names only (letters, digits, . _ - ( )), so a name read back from az goes nowhere else.',
    'safe() { case "$1" in "" | *[!A-Za-z0-9._\\(\\)-]*) return 1 ;; *) return 0 ;; esac; }',
    'safe_id() { case "$1" in /subscriptions/*) case "$1" in *[!A-Za-z0-9._\\(\\)/-]*) return 1 ;; *) return 0 ;; esac ;; *) return 1 ;; esac; }',
  ];
  const footer = [
    'printf \'\\n]}\\n\' >> "$OUT"',
    'echo "ccnet collect: wrote $OUT; upload it into the ccnet thread, or run: ccnet diagnose --evidence $OUT" >&2',
  ];
  const none =
    body.length === 0
      ? [
          '# No resource group, VNet or NIC named: pass some, e.g. ccnet collect cc-rg hpc-rg/hpc-vnet/compute',
        ]
      : [];
  return [...header, ...none, ...body, ...footer, ''].join('\n');
}

function commandsFor(t: CollectTarget): string[] {
  const g = t.resourceGroup;
  switch (t.kind) {
    case 'group':
      return [
        `# Resource group ${g}: its VNets, NSGs, NICs and route tables, and the effective rules and routes of up to $MAX_NICS NICs`,
        `emit az network vnet list -g ${g}`,
        `emit az network nsg list -g ${g}`,
        `emit az network nic list -g ${g}`,
        `emit az network route-table list -g ${g}`,
        `for nic in $(az network nic list -g ${g} --query '[].name' -o tsv 2>/dev/null | head -n "$MAX_NICS"); do`,
        '  safe "$nic" || continue',
        `  emit az network nic list-effective-nsg -g ${g} -n "$nic"`,
        `  emit az network nic show-effective-route-table -g ${g} -n "$nic"`,
        'done',
      ];
    case 'vnet': {
      const lines = [
        `# VNet ${g}/${t.vnet}: address space, subnets, peerings`,
        `emit az network vnet show -g ${g} -n ${t.vnet}`,
        `emit az network vnet peering list -g ${g} --vnet-name ${t.vnet}`,
      ];
      if (!t.subnet) return lines;
      return [
        ...lines,
        `# Subnet ${t.subnet}: the NSG and route table attached to it`,
        `for id in $(az network vnet subnet show -g ${g} --vnet-name ${t.vnet} -n ${t.subnet} --query '[networkSecurityGroup.id, routeTable.id]' -o tsv 2>/dev/null); do`,
        '  safe_id "$id" || continue',
        '  case "$id" in',
        '    */networkSecurityGroups/*) emit az network nsg show --ids "$id" ;;',
        '    */routeTables/*) emit az network route-table show --ids "$id" ;;',
        '  esac',
        'done',
      ];
    }
    case 'nic':
      return [
        `# NIC ${g}/${t.name}: addresses, NSG, application security groups, effective rules and routes`,
        `emit az network nic show -g ${g} -n ${t.name}`,
        `emit az network nic list-effective-nsg -g ${g} -n ${t.name}`,
        `emit az network nic show-effective-route-table -g ${g} -n ${t.name}`,
      ];
    case 'vm':
      return [
        `# VM ${g}/${t.name}: its NICs, their effective rules and routes`,
        `for id in $(az vm nic list -g ${g} --vm-name ${t.name} --query '[].id' -o tsv 2>/dev/null); do`,
        '  safe_id "$id" || continue',
        `  nic=${'$'}{id##*/}`,
        '  nrg=$(printf \'%s\' "$id" | cut -d/ -f5)',
        '  if ! safe "$nic" || ! safe "$nrg"; then continue; fi',
        '  emit az network nic show -g "$nrg" -n "$nic"',
        '  emit az network nic list-effective-nsg -g "$nrg" -n "$nic"',
        '  emit az network nic show-effective-route-table -g "$nrg" -n "$nic"',
        'done',
      ];
  }
}
