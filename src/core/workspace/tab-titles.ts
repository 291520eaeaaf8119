import { nameFromUrl } from './workspace';

/** What a tab's title depends on. */
export interface TitledTab {
  id: string;
  name: string | null;
  connectionId: string | null;
  url: string;
  recorded: { title: string } | null;
}

/**
 * Every tab's title, in tab order: the name the user gave the tab, else a recording's title, else its saved
 * connection's name, else one made from its URL. Titles made from a URL are numbered when an earlier tab already
 * shows the same title ("host/echo", "host/echo (2)"), so two tabs on one address can be told apart.
 */
export function tabTitles(
  tabs: readonly TitledTab[],
  savedName: (connectionId: string) => string | undefined,
): Map<string, string> {
  const titles = new Map<string, string>();
  const fromUrl: TitledTab[] = [];
  for (const tab of tabs) {
    const given =
      tab.name ??
      tab.recorded?.title ??
      (tab.connectionId === null ? undefined : savedName(tab.connectionId));
    if (given === undefined) fromUrl.push(tab);
    else titles.set(tab.id, given);
  }
  const used = new Set(titles.values());
  for (const tab of fromUrl) {
    const base = nameFromUrl(tab.url);
    let title = base;
    for (let n = 2; used.has(title); n++) title = `${base} (${n})`;
    used.add(title);
    titles.set(tab.id, title);
  }
  return titles;
}
