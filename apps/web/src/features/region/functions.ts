import { useEffect, useState } from 'react';
import { UserFunctionItem, regionApi } from './region-api';

let cached: Promise<UserFunctionItem[]> | null = null;

/** The list of functions (GET /api/functions), loaded once per page load; `refresh` after adding one. */
export function loadFunctions(refresh = false): Promise<UserFunctionItem[]> {
  if (!cached || refresh) {
    cached = regionApi.functions().catch((err: unknown) => {
      cached = null;
      throw err;
    });
  }
  return cached;
}

/** The functions, or [] until they are loaded. */
export function useFunctions(): UserFunctionItem[] {
  const [functions, setFunctions] = useState<UserFunctionItem[]>([]);
  useEffect(() => {
    let live = true;
    loadFunctions().then(
      (list) => live && setFunctions(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return functions;
}

/** A function's label by its code ("officier_van_justitie" -> "Officier van justitie"). */
export function useFunctionLabel(): (code: string) => string {
  const functions = useFunctions();
  return (code) => functions.find((f) => f.code === code)?.label ?? code.replace(/_/g, ' ');
}
