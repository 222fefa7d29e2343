import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Notification, NOTIFICATION_KIND_LABELS } from '@koers/contracts';
import { api } from '../api';
import { formatDateTime } from '../labels';
import { useLive } from '../live';

/**
 * The bell in the header: unread count (live over /live `notification` and `notifications.read`), a panel
 * with the latest notifications, mark one or all read. Esc closes the panel and returns focus to the bell.
 */
export function NotificationBell() {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [failed, setFailed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  async function load() {
    try {
      const page = await api.notifications();
      setItems(page.items);
      setUnread(page.unreadCount);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    void load();
  }, []);

  useLive({
    notification: ({ notification, unreadCount }) => {
      setItems((current) => [notification, ...current.filter((n) => n.id !== notification.id)]);
      setUnread(unreadCount);
      setAnnouncement(`Nieuwe melding: ${notification.title}`);
    },
    'notifications.read': ({ ids, unreadCount }) => {
      const now = new Date().toISOString();
      setItems((current) =>
        current.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)),
      );
      setUnread(unreadCount);
    },
  });

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!panelRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  async function markRead(notification: Notification) {
    if (notification.readAt) return;
    try {
      const { unreadCount } = await api.markNotificationRead(notification.id);
      setUnread(unreadCount);
      setItems((current) =>
        current.map((n) => (n.id === notification.id ? { ...n, readAt: new Date().toISOString() } : n)),
      );
    } catch {
      // The bell is not worth an error page; the next load shows the truth.
    }
  }

  async function markAll() {
    try {
      const { unreadCount } = await api.markAllNotificationsRead();
      setUnread(unreadCount);
      const now = new Date().toISOString();
      setItems((current) => current.map((n) => ({ ...n, readAt: n.readAt ?? now })));
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="bell">
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        data-unread={unread}
        onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}
      >
        Meldingen
        {unread > 0 ? (
          <>
            <span className="visually-hidden">, </span>
            <span className="bell-count">{unread}</span>
            <span className="visually-hidden"> ongelezen</span>
          </>
        ) : (
          <span className="visually-hidden">, geen ongelezen</span>
        )}
      </button>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <div ref={panelRef} id={panelId} className="bell-panel" hidden={!open} role="region" aria-label="Meldingen">
        <h2 tabIndex={-1} className="h3">
          Meldingen
        </h2>
        <p className="small">{unread === 0 ? 'U heeft geen ongelezen meldingen.' : `${unread} ongelezen`}</p>
        {failed && <p className="small">De meldingen konden niet worden geladen.</p>}
        {unread > 0 && (
          <button type="button" className="button button-secondary button-small" onClick={markAll}>
            Alles als gelezen markeren
          </button>
        )}
        {items.length === 0 ? (
          <p className="muted small">Nog geen meldingen.</p>
        ) : (
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                <span className="small">
                  {n.readAt ? '' : 'Ongelezen · '}
                  {NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind} · {formatDateTime(n.createdAt)}
                </span>
                <br />
                {n.link ? (
                  <Link
                    to={n.link}
                    onClick={() => {
                      void markRead(n);
                      setOpen(false);
                    }}
                  >
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
                {n.detail && <span className="notification-detail small"> “{n.detail}”</span>}
                {!n.readAt && (
                  <>
                    {' '}
                    <button type="button" className="link-button small" onClick={() => void markRead(n)}>
                      Gelezen<span className="visually-hidden">: {n.title}</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
