import type { ResultOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createSignal, For, Show } from 'solid-js';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { graphql } from '../../gql/gql.ts';
import type { ContactColumnMapping } from '../../gql/graphql.ts';
import { dataOf, describeProblems, messageOf, UNREACHABLE } from '../../graphql.ts';
import { postGraphQLUpload } from '../../upload.ts';

const CsvPreview = graphql(`
  query ConsoleCampaignCsvPreview($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {
    campaignCsvPreview(campaignId: $campaignId, file: $file, mapping: $mapping) {
      __typename
      ... on QueryCampaignCsvPreviewSuccess {
        data {
          headers missingColumns
          mapping { phoneNumber name consent timeZone variables }
          rows { line phoneNumber values problems { field message } }
        }
      }
      ... on Error { message }
    }
  }
`);
const ImportContacts = graphql(`
  mutation ConsoleImportCampaignContacts($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {
    importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping) {
      __typename
      ... on MutationImportCampaignContactsSuccess {
        data { id fileName rows added merged doNotCall failed errors(first: 1000) { line field message } }
      }
      ... on Error { message }
    }
  }
`);
type Preview = NonNullable<ReturnType<typeof dataOf<ResultOf<typeof CsvPreview>['campaignCsvPreview']>>>;
export type ContactImport = NonNullable<
  ReturnType<typeof dataOf<ResultOf<typeof ImportContacts>['importCampaignContacts']>>
>;

interface UploadVariables {
  campaignId: string;
  file: File;
  mapping?: ContactColumnMapping | null;
}

/** The columns a contact is read from, besides its variables; a column goes to one of them at most. */
const ROLES = [
  { key: 'phoneNumber', label: 'Phone number column' },
  { key: 'name', label: 'Name column' },
  { key: 'consent', label: 'Consent column' },
  { key: 'timeZone', label: 'Time zone column' },
] as const;
type Role = (typeof ROLES)[number]['key'];

const mappingOf = (m: Preview['mapping']): ContactColumnMapping => ({
  phoneNumber: m.phoneNumber,
  name: m.name ?? null,
  consent: m.consent ?? null,
  timeZone: m.timeZone ?? null,
  variables: m.variables,
});

/**
 * Step 2 of the create flow: a CSV file previewed with the columns the server suggests for each
 * field (changeable) and each row's problems, then imported; afterwards the rows refused, by line.
 */
export function ContactsStep(props: { campaignId: string; onImported: (result: ContactImport) => void }) {
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [mapping, setMapping] = createSignal<ContactColumnMapping | null>(null);
  const [imported, setImported] = createSignal<ContactImport | null>(null);
  const [sent, setSent] = createSignal<number | null>(null);
  const [problem, setProblem] = createSignal('');

  /** Sends the file with the mapping chosen (the server's suggestion at first); answers what came back, if it worked. */
  async function send<Data, Variables extends UploadVariables>(
    document: TypedDocumentNode<Data, Variables>,
    onProgress: (share: number) => void = () => {},
  ): Promise<Data | undefined> {
    const chosen = file();
    if (!chosen) return undefined;
    try {
      const response = await postGraphQLUpload(
        document,
        { campaignId: props.campaignId, mapping: mapping() } as Omit<Variables, 'file'>,
        chosen,
        onProgress,
      );
      if (response.errors?.length) setProblem(describeProblems(response.errors));
      return response.data ?? undefined;
    } catch {
      setProblem(UNREACHABLE);
      return undefined;
    }
  }

  let latestPreview = 0;
  const refresh = async () => {
    setProblem('');
    const request = ++latestPreview;
    const answer = (await send(CsvPreview))?.campaignCsvPreview;
    // A mapping changed twice quickly: only the last preview counts.
    if (request !== latestPreview) return;
    const shown = dataOf(answer);
    setPreview(shown ?? null);
    if (shown) setMapping(mappingOf(shown.mapping));
    else if (answer) setProblem(messageOf(answer) ?? 'The file could not be read.');
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setMapping(null);
    setImported(null);
    if (chosen) refresh();
    else setPreview(null);
  };
  const assign = (role: Role, column: string) => {
    const current = mapping();
    if (!current) return;
    const variables = (current.variables ?? []).filter((v) => v !== column);
    setMapping({ ...current, variables, [role]: column || null });
    refresh();
  };
  const toggleVariable = (column: string, on: boolean) => {
    const current = mapping();
    if (!current) return;
    const variables = (current.variables ?? []).filter((v) => v !== column);
    setMapping({ ...current, variables: on ? [...variables, column] : variables });
    refresh();
  };
  const assigned = (column: string) => ROLES.some(({ key }) => mapping()?.[key] === column);
  const runImport = async () => {
    setProblem('');
    setSent(0);
    const answer = (await send(ImportContacts, setSent))?.importCampaignContacts;
    setSent(null);
    const result = dataOf(answer);
    if (result) {
      setImported(result);
      props.onImported(result);
    } else if (answer) setProblem(messageOf(answer) ?? 'The contacts were not imported.');
  };

  return (
    <section class="card stack" aria-label="Contacts">
      <h2>Contacts</h2>
      <label>
        CSV file (a header row, then a contact a row)
        <input
          type="file"
          name="csv"
          accept=".csv,text/csv"
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <ErrorAlert message={problem()} />
      <Show when={preview()}>
        {(shown) => (
          <>
            <fieldset class="inline-form" aria-label="Column mapping">
              <For each={ROLES}>
                {(role) => (
                  <SelectField
                    label={role.label}
                    name={role.key}
                    value={mapping()?.[role.key] ?? ''}
                    onChange={(column) => assign(role.key, column)}
                  >
                    <Show when={role.key !== 'phoneNumber'}>
                      <option value="">–</option>
                    </Show>
                    <For each={shown().headers}>
                      {(header) => (
                        <option value={header} selected={mapping()?.[role.key] === header}>
                          {header}
                        </option>
                      )}
                    </For>
                  </SelectField>
                )}
              </For>
              <fieldset>
                <legend>Variables</legend>
                <For each={shown().headers.filter((h) => !assigned(h))}>
                  {(header) => (
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={mapping()?.variables?.includes(header) ?? false}
                        onChange={(e) => toggleVariable(header, e.currentTarget.checked)}
                      />
                      {header}
                    </label>
                  )}
                </For>
              </fieldset>
            </fieldset>
            <ErrorAlert
              message={
                shown().missingColumns.length > 0 && `Columns not in the file: ${shown().missingColumns.join(', ')}`
              }
            />
            <DataTable
              label="CSV preview"
              columns={['Line', ...shown().headers, 'Number (E.164)', 'Problems']}
              rows={shown().rows}
              empty="The file has no rows."
            >
              {(row) => (
                <tr data-line={row.line} classList={{ refused: row.problems.length > 0 }}>
                  <td>{row.line}</td>
                  <For each={shown().headers}>{(_, i) => <td>{row.values[i()] ?? ''}</td>}</For>
                  <td>{row.phoneNumber ?? '–'}</td>
                  <td data-testid="row-problems">{row.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}</td>
                </tr>
              )}
            </DataTable>
            <Show when={!imported()}>
              <button type="button" onClick={runImport} disabled={sent() !== null}>
                Import contacts
              </button>
            </Show>
            <Show when={sent() !== null}>
              <ProgressBar done={sent() ?? 0} total={1} label="Upload" />
            </Show>
          </>
        )}
      </Show>
      <Show when={imported()}>{(result) => <ImportResult result={result()} />}</Show>
    </section>
  );
}

/** What an import did, and each refused row by its line. */
function ImportResult(props: { result: ContactImport }) {
  return (
    <div class="stack" data-testid="import-result">
      <p role="status">
        {props.result.fileName}: <span data-testid="import-rows">{props.result.rows}</span> rows,{' '}
        <span data-testid="import-added">{props.result.added}</span> added, {props.result.merged} merged into a contact
        already there, {props.result.doNotCall} on the do-not-call list,{' '}
        <span data-testid="import-failed">{props.result.failed}</span> refused.
      </p>
      <Show when={props.result.errors.length}>
        <DataTable label="Refused rows" columns={['Line', 'Field', 'Problem']} rows={props.result.errors} empty="">
          {(error) => (
            <tr data-testid="import-error">
              <td>{error.line}</td>
              <td>{error.field ?? '–'}</td>
              <td>{error.message}</td>
            </tr>
          )}
        </DataTable>
      </Show>
    </div>
  );
}
