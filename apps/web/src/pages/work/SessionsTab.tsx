export function SessionsTab() {
  return <p>Sessies volgen.</p>;
}
export function SessionPage() {
  return <p>Sessie volgt.</p>;
}
