/** What a panel shows while the part of the hub that serves it is not answering. */
import { h } from '../../client/dom';

export function showUnavailable(container: HTMLElement, what: string): void {
  const text = `${what}: unavailable right now, part of the hub is not answering.`;
  const list = container.tagName === 'UL' || container.tagName === 'OL';
  container.replaceChildren(
    list ? h('li', { class: 'row empty unavailable' }, text) : h('p', { class: 'empty unavailable' }, text),
  );
}
