export function KnowledgeTab() {
  return <p>Kennisbank volgt.</p>;
}
