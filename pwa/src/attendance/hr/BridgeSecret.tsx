/** The one look at a new bridge key's secret, with a seen-bridge.yaml to paste. Keys are not tied to a
 * site in Seen, so HR picks the site whose registered clocks go into the snippet's `devices:`. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { AdminBridgeKeyFieldsFragment, AdminDeviceFieldsFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { Select } from '../../ui/kit';
import { CopyButton, OnceDialog, type SiteOption } from './adminKit';
import { bridgeYaml } from './bridgeYaml';

export function BridgeSecret(props: { issued: { key: AdminBridgeKeyFieldsFragment; secret: string }; sites: SiteOption[];
  devices: AdminDeviceFieldsFragment[]; onClose: () => void }): JSX.Element {
  const { key, secret } = props.issued;
  const withClocks = props.sites.find((s) => props.devices.some((d) => d.site?.id === s.id));
  const [siteId, setSiteId] = useState(withClocks?.id ?? props.sites[0]?.id ?? '');
  const site = props.sites.find((s) => s.id === siteId);
  const yaml = bridgeYaml({
    bridgeId: key.bridgeId, backendUrl: window.location.origin, keyId: key.keyId, defaultZone: site?.timeZone ?? 'UTC',
    devices: props.devices.filter((d) => d.site?.id === siteId),
  });
  return (
    <OnceDialog title={t('adm.keys.issuedTitle', { bridge: key.bridgeId })} class="bridge-secret-dialog" onClose={props.onClose}>
      <dl class="facts">
        <div class="fact"><dt>{t('adm.keys.keyId')}</dt><dd><code class="adm-key-id">{key.keyId}</code></dd></div>
        <div class="fact">
          <dt>{t('adm.keys.secret')}</dt>
          <dd><code class="adm-secret">{secret}</code> <CopyButton text={secret} class="copy-secret" /></dd>
        </div>
      </dl>
      <p class="hint">{t('adm.keys.secretFileHint')}</p>
      <Select name="snippetSite" label={t('adm.keys.snippetSite')} value={siteId} onValue={setSiteId}
        options={props.sites.map((s) => ({ value: s.id, label: s.name }))} hint={t('adm.keys.snippetSiteHint')} />
      <p class="adm-snippet-head">
        <strong>seen-bridge.yaml</strong> <CopyButton text={yaml} class="copy-yaml" />
      </p>
      <pre class="adm-yaml" tabIndex={0}>{yaml}</pre>
    </OnceDialog>
  );
}
