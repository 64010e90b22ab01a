import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql/gql.ts';

/** What the agents page shows of every human agent, and edits. */
const HumanAgentFields = graphql(`
  fragment HumanAgentFields on HumanAgent {
    id name email phoneNumber skills department availability maxConcurrent currentLoad
    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }
  }
`);
export type HumanAgent = ResultOf<typeof HumanAgentFields>;
