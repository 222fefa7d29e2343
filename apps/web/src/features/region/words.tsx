import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { RegionInfo, regionApi } from './region-api';

/** Until the server answers (and if it cannot): Midden-Nederland's words, the defaults of a new region too. */
const FALLBACK: RegionInfo = {
  regionName: '',
  strategyName: 'Regionale Veiligheidsstrategie',
  strategyAbbreviation: 'RVS',
  boardName: 'Regionaal Veiligheidscollege',
  boardAbbreviation: 'RVC',
  bureauName: 'Bureau RVS',
  themeSingular: 'prioriteit',
  themePlural: 'prioriteiten',
  demo: false,
};

export interface Words extends RegionInfo {
  /** The board's short name for menus and labels: "RVC", or the full name when it has no abbreviation. */
  board: string;
  /** "Prioriteit", "Thema" */
  Theme: string;
  /** "Prioriteiten", "Thema's" */
  Themes: string;
  /** "Prioriteit 2", "Thema 2" */
  themeNumbered: (position: number) => string;
  loaded: boolean;
  /** After the secretariat changed the words. */
  reload: () => Promise<void>;
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function wordsFrom(info: RegionInfo, loaded: boolean, reload: () => Promise<void>): Words {
  return {
    ...info,
    board: info.boardAbbreviation || info.boardName,
    Theme: capital(info.themeSingular),
    Themes: capital(info.themePlural),
    themeNumbered: (position) => `${capital(info.themeSingular)} ${position}`,
    loaded,
    reload,
  };
}

const WordsContext = createContext<Words>(wordsFrom(FALLBACK, false, () => Promise.resolve()));

/** Loads the region's words once (before login too) for every screen. */
export function RegionWordsProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<RegionInfo>(FALLBACK);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    try {
      setInfo(await regionApi.publicInfo());
    } catch {
      // Keep the fallback words; every page still works.
    } finally {
      setLoaded(true);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const words = useMemo(() => wordsFrom(info, loaded, reload), [info, loaded, reload]);
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

export function useWords(): Words {
  return useContext(WordsContext);
}
