import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LogoutResult, Me, SecondFactorMethod } from '@koers/contracts';
import { api, ApiError, setUnauthenticatedHandler } from './api';

interface AuthState {
  /** undefined while the app asks GET /api/me for the first time; null when nobody is logged in. */
  me: Me | null | undefined;
  /** Set when GET /api/me failed for another reason than "not logged in". */
  startError: ApiError | null;
  /** The signed-in person, or the challenge of the second step when the account has a second factor. */
  login: (email: string, password: string) => Promise<Me | { mfaChallenge: string; methods: SecondFactorMethod[] }>;
  /** Answers the provider's logout address when the session began with single sign-on there. */
  logout: () => Promise<LogoutResult>;
  reload: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [startError, setStartError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      setMe(await api.me());
      setStartError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else {
        setStartError(
          err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Er ging iets mis bij het starten van Koers.'),
        );
        setMe(null);
      }
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    void reload();
  }, [reload]);

  const login = useCallback(async (email: string, password: string) => {
    const answer = await api.login(email, password);
    if ('mfaRequired' in answer) return { mfaChallenge: answer.challenge, methods: answer.methods };
    const current = await api.me();
    setMe(current);
    setStartError(null);
    return current;
  }, []);

  const logout = useCallback(async () => {
    try {
      return await api.logout();
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo(() => ({ me, startError, login, logout, reload }), [me, startError, login, logout, reload]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in user (only inside routes guarded by RequireAuth). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a logged-in user');
  return me;
}

export function isSecretariat(me: Me | null | undefined): boolean {
  return me?.user.platformRole === 'secretariaat';
}
