// A Node client of claimgraph, with @grpc/grpc-js and @grpc/proto-loader
// reading the .proto files of this repository as they are:
//
//   cd examples/node
//   npm ci
//   node client.js
//
// It talks to the server at CLAIMGRAPH_SERVER (default 127.0.0.1:7411), and
// it starts a watch, ingests an invented article, lists its statements,
// exports its quads, waits for the watch to deliver its statement, and
// sends an article with no text to show how an InvalidArgument names the
// field in its google.rpc.BadRequest details. It exits non-zero if any step
// does not do what it should, so CI runs it (.ci/run).
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const address = process.env.CLAIMGRAPH_SERVER || '127.0.0.1:7411';

const definition = protoLoader.loadSync(
  path.join(__dirname, '..', '..', 'proto', 'claimgraph', 'v1', 'claimgraph.proto'),
  {
    keepCase: false, // fields in lowerCamelCase, as protobuf JSON has them
    longs: String, // int64 counts as strings: no precision lost
    enums: String, // enum values by name
    defaults: true,
    oneofs: true, // a oneof's set field is named in a virtual field
  },
);
const { claimgraph } = grpc.loadPackageDefinition(definition);
const client = new claimgraph.v1.ClaimGraphService(address, grpc.credentials.createInsecure());

// google.rpc.Status and BadRequest, as in googleapis' google/rpc/status.proto
// and google/rpc/error_details.proto (the fields used here, same numbers),
// to decode the details a server attaches to an error.
const rpc = protobuf.parse(`
  syntax = "proto3";
  package google.rpc;
  message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
  message Any { string type_url = 1; bytes value = 2; }
  message BadRequest {
    message FieldViolation { string field = 1; string description = 2; }
    repeated FieldViolation field_violations = 1;
  }
`, { keepCase: true }).root;
const Status = rpc.lookupType('google.rpc.Status');
const BadRequest = rpc.lookupType('google.rpc.BadRequest');

// fieldViolations returns the field violations an error carries in its
// grpc-status-details-bin trailer (a google.rpc.Status), or [].
function fieldViolations(err) {
  const raw = err.metadata && err.metadata.get('grpc-status-details-bin')[0];
  if (!raw) {
    return [];
  }
  const status = Status.decode(raw);
  const out = [];
  for (const any of status.details) {
    if (any.type_url === 'type.googleapis.com/google.rpc.BadRequest') {
      for (const v of BadRequest.decode(any.value).field_violations) {
        out.push({ field: v.field, description: v.description });
      }
    }
  }
  return out;
}

// call turns a unary call into a promise.
function call(method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + 30000 }, (err, resp) => (err ? reject(err) : resolve(resp)));
  });
}

function check(ok, what) {
  if (!ok) {
    throw new Error(`check failed: ${what}`);
  }
  console.log(`ok: ${what}`);
}

const articleId = `node-example-${process.pid}`;

// watchUntilStatement starts a watch and returns two promises: started
// (the watch is live: its first message came) and statement (the watch
// delivered a statement of articleId).
function watchUntilStatement() {
  const call = client.WatchClaims({});
  let markStarted;
  const started = new Promise((resolve) => (markStarted = resolve));
  const statement = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the watch delivered no statement within 30s')), 30000);
    call.on('data', (change) => {
      if (change.change === 'started') {
        markStarted();
      } else if (change.change === 'statement' && change.articleId === articleId) {
        clearTimeout(timer);
        call.cancel();
        resolve(change.statement);
      }
    });
    call.on('error', (err) => {
      if (err.code !== grpc.status.CANCELLED) {
        clearTimeout(timer);
        reject(err);
      }
    });
  });
  return { started, statement };
}

// exportQuads reads the ExportQuads stream of one article and returns its
// N-Quads lines.
function exportQuads(id) {
  return new Promise((resolve, reject) => {
    const lines = [];
    const stream = client.ExportQuads({ articleId: id });
    stream.on('data', (chunk) => lines.push(...chunk.nquads.split('\n').filter((l) => l !== '')));
    stream.on('error', reject);
    stream.on('end', () => resolve(lines));
  });
}

async function main() {
  const watch = watchUntilStatement();
  await watch.started;
  check(true, 'WatchClaims said it is live before anything was written');

  const ingested = await call('IngestArticle', {
    article: {
      id: articleId,
      language: 'en',
      published: '2025-10-07',
      text: 'The harbour master said that the ferry would run again on Monday. '
        + 'She added that 40 crew members had been hired.',
    },
  });
  const article = ingested.article;
  check(article.id === articleId && article.statementCount >= 1, `IngestArticle stored ${article.id} with ${article.statementCount} statements, ${article.quadCount} quads`);

  const listed = await call('ListStatements', { articleId, pageSize: 10 });
  for (const s of listed.statements) {
    console.log(`   ${s.speakerText} (${s.cue}): ${s.content}`);
  }
  check(listed.statements.length === article.statementCount, 'ListStatements lists them');

  const quads = await exportQuads(articleId);
  check(String(quads.length) === String(article.quadCount), `ExportQuads streamed ${quads.length} N-Quads lines`);

  const seen = await watch.statement;
  check(seen.articleId === articleId, `WatchClaims delivered the statement "${seen.content}"`);

  try {
    await call('IngestArticle', { article: { id: `${articleId}-empty`, text: '' } });
    check(false, 'an empty article is refused');
  } catch (err) {
    if (err.code !== grpc.status.INVALID_ARGUMENT) {
      throw err;
    }
    const violations = fieldViolations(err);
    for (const v of violations) {
      console.log(`   ${v.field}: ${v.description}`);
    }
    check(violations.some((v) => v.field === 'article.text'), 'InvalidArgument names article.text in its BadRequest');
  }

  await call('DeleteArticle', { id: articleId });
  check(true, 'DeleteArticle removed the example article');
}

main().then(
  () => {
    client.close();
  },
  (err) => {
    console.error(`node example: ${err.message || err}`);
    client.close();
    process.exit(1);
  },
);
