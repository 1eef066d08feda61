/** A ready-to-paste seen-bridge.yaml (format: device_bridge/README.md, "Configuration reference").
 * The bridge speaks only to ZKTeco and Hikvision terminals, so kiosk/other clocks are left out, and the
 * backend's direction policies are translated to the bridge's words. */

export type SnippetDevice = { serial: string; vendor: string; timeZone: string; directionPolicy: string; name: string; active: boolean };

const DIRECTION: Record<string, string> = { device: 'device', first_in_last_out: 'unknown', in_only: 'in', out_only: 'out' };
const BRIDGE_VENDORS = new Set(['zkteco', 'hikvision']);

/** YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (s: string) => JSON.stringify(s);

export function bridgeYaml(o: { bridgeId: string; backendUrl: string; keyId: string; defaultZone: string; devices: SnippetDevice[] }): string {
  const devices = o.devices.filter((d) => d.active && BRIDGE_VENDORS.has(d.vendor));
  const lines = [
    `bridge_id: ${q(o.bridgeId)}`,
    `backend_url: ${q(o.backendUrl)}`,
    `key_id: ${q(o.keyId)}`,
    'secret_file: /etc/seen-bridge/secret        # put the secret here alone; chmod 600',
    'data_dir: /var/lib/seen-bridge',
    'listen: 0.0.0.0:8090',
    'allowed_subnets: [192.168.0.0/16]           # narrow this to the terminals\' LAN',
    `default_time_zone: ${q(o.defaultZone || 'UTC')}`,
  ];
  if (!devices.length) return [...lines, 'devices: []'].join('\n') + '\n';
  lines.push('devices:');
  for (const d of devices) {
    lines.push(`  - serial: ${q(d.serial)}${d.name ? `   # ${d.name.replace(/[\r\n]/g, ' ')}` : ''}`);
    lines.push(`    vendor: ${d.vendor}`);
    lines.push(`    time_zone: ${q(d.timeZone)}`);
    lines.push(`    direction: ${DIRECTION[d.directionPolicy] ?? 'device'}`);
  }
  return lines.join('\n') + '\n';
}
