import { createQuery } from '@urql/solid';
import { For } from 'solid-js';
import { graphql } from '../gql/gql.ts';

const BusinessesQuery = graphql(`
  query ConsoleBusinessList { businessConfigs { id name type phoneNumbers voice escalationKeywords } }
`);

export function Businesses() {
  const [result] = createQuery({ query: BusinessesQuery });
  return (
    <section>
      <h1>Businesses</h1>
      <table aria-label="Businesses">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Numbers</th>
            <th>Voice</th>
            <th>Escalation keywords</th>
          </tr>
        </thead>
        <tbody>
          <For each={result.data?.businessConfigs ?? []}>
            {(b) => (
              <tr>
                <td>{b.name}</td>
                <td>{b.type.toLowerCase().replace('_', ' ')}</td>
                <td>{b.phoneNumbers.join(', ')}</td>
                <td>{b.voice}</td>
                <td>{b.escalationKeywords.join(', ')}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
