/**
 * A long list on a narrow screen: its first rows, then a button that shows the rest
 * ("Show all 58 tasks") and hides them again. Wide screens show every row (the list
 * scrolls there) and hide the button; the CSS is client/base.css's `.collapsible`. A
 * list drawn again keeps whether it was opened.
 */
import { h } from './dom';

export interface ListNoun {
  /** The rows in words, e.g. "tasks". */
  en: string;
  /** A count of them in Chinese, with its measure word: (58) → "58 项任务". */
  zh: (count: number) => string;
}

function label(list: HTMLElement, button: HTMLButtonElement, total: number, noun: ListNoun): void {
  const open = list.classList.contains('expanded');
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? `收起 Show fewer ${noun.en}` : `显示全部 ${noun.zh(total)} · Show all ${total} ${noun.en}`;
}

export function collapseLongList(list: HTMLElement, keep: number, noun: ListNoun): void {
  const rows = [...list.children];
  rows.forEach((row, index) => row.classList.toggle('beyond', index >= keep));
  list.classList.add('collapsible');
  let button = list.nextElementSibling;
  if (!(button instanceof HTMLButtonElement && button.classList.contains('show-all'))) {
    const created = h('button', { type: 'button', class: 'button quiet show-all', 'aria-controls': list.id });
    created.addEventListener('click', () => {
      list.classList.toggle('expanded');
      label(list, created, Number(created.dataset.total), noun);
    });
    list.after(created);
    button = created;
  }
  const control = button as HTMLButtonElement;
  control.dataset.total = String(rows.length);
  control.hidden = rows.length <= keep;
  label(list, control, rows.length, noun);
}
