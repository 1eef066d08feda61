/** Post or comment text with its @mentions as links to the person (only names the server resolved are marked). */
import type { JSX } from 'preact';

type Mention = { id: string; name: string };

export function PostBody({ body, mentions, tag = 'p' }: { body: string; mentions: Mention[]; tag?: 'p' | 'span' }): JSX.Element {
  const Tag = tag;
  if (!mentions.length) return <Tag class="post-body">{body}</Tag>;
  // Longest names first, so "@Li Lei" wins over "@Li".
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const pattern = new RegExp(`@(${names.map((m) => m.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  const parts: (string | JSX.Element)[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const at = match.index ?? 0;
    const who = names.find((m) => m.name === match[1]);
    if (at > last) parts.push(body.slice(last, at));
    parts.push(
      <a class="mention" href={`/community/${encodeURIComponent(who?.id ?? '')}`} key={at}>
        @{match[1]}
      </a>,
    );
    last = at + match[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <Tag class="post-body">{parts}</Tag>;
}
