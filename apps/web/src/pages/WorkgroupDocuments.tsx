import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DOCUMENT_KIND_LABELS, DocumentKind } from '@koers/contracts';
import { api } from '../api';
import { FileList } from '../features/files';
import { CheckboxField, ErrorMessage, Field, Loading, Table, useApi } from '../components/common';
import { FormActions, SelectField, useSubmit } from '../components/forms';
import { useFormGuard } from '../features/forms';
import { formatDateTime, options } from '../labels';
import { TabError, useWorkgroup } from './WorkgroupPage';

/** The Documenten tab of a werkgroep: its documents first, where people look for them. */
export function DocumentsTab() {
  const { workgroup, canWrite } = useWorkgroup();
  return <WorkgroupDocuments workgroupId={workgroup.id} workgroupName={workgroup.name} mayWrite={canWrite} />;
}

/**
 * The werkgroep's documents: a list (title, soort, laatst gewijzigd) and, for those who may write, a form
 * to create one. Who may not see working documents (RVC members: 403) is told why.
 */
export function WorkgroupDocuments({
  workgroupId,
  workgroupName,
  mayWrite,
}: {
  workgroupId: string;
  workgroupName: string;
  mayWrite: boolean;
}) {
  const [showArchived, setShowArchived] = useState(false);
  const documents = useApi(() => api.documents(workgroupId, showArchived), [workgroupId, showArchived]);

  if (documents.error && documents.error.status === 403)
    return <TabError error={documents.error} what="de documenten" />;

  const list = documents.data ?? [];
  return (
    <section aria-labelledby="documenten" className="section">
      <h2 id="documenten">Documenten</h2>
      <ErrorMessage error={documents.error} />
      <CheckboxField
        label="Gearchiveerde documenten tonen"
        name="archived"
        checked={showArchived}
        onChange={setShowArchived}
      />
      {documents.loading && !documents.data ? (
        <Loading what="De documenten" plural />
      ) : list.length === 0 ? (
        <p>Deze werkgroep heeft nog geen documenten{showArchived ? '' : ' (buiten het archief)'}.</p>
      ) : (
        <Table
          label="Documenten van de werkgroep"
          caption={`Documenten van ${workgroupName}`}
          columns={['Titel', 'Soort', 'Laatst gewijzigd']}
        >
          {list.map((doc) => (
            <tr key={doc.id}>
              <th scope="row">
                <Link to={`/documenten/${doc.id}`}>{doc.title}</Link>
                {doc.archivedAt && <span className="badge badge-inactive"> gearchiveerd</span>}
              </th>
              <td>{DOCUMENT_KIND_LABELS[doc.kind] ?? doc.kind}</td>
              <td className="nowrap">{formatDateTime(doc.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      <FileList parent={{ type: 'workgroup', id: workgroupId }} mayUpload={mayWrite} />
      {mayWrite && <CreateDocumentForm workgroupId={workgroupId} />}
    </section>
  );
}

function CreateDocumentForm({ workgroupId }: { workgroupId: string }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('verslag');
  const { error, busy, submit } = useSubmit();
  const guard = useFormGuard({ dirty: title.trim() !== '' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [['title', title.trim().length > 0, 'Geef het document een titel.']], async () => {
      const created = await api.createDocument(workgroupId, { title: title.trim(), kind });
      guard.saved();
      void navigate(`/documenten/${created.id}`);
    });
  }

  return (
    <>
      <h3 id="document-maken">Nieuw document</h3>
      <ErrorMessage error={error} />
      <form onSubmit={onSubmit} noValidate className="card form form-row" aria-labelledby="document-maken">
        <Field label="Titel" name="title" error={error} required>
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={200}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          )}
        </Field>
        <SelectField
          label="Soort document"
          name="kind"
          error={error}
          required
          value={kind}
          onChange={setKind}
          choices={options(DOCUMENT_KIND_LABELS)}
        />
        <FormActions submit="Document maken" busy={busy} />
      </form>
    </>
  );
}
