// Drives the acsconf mock endpoint with the official Alibaba Cloud Node SDKs, exactly as their users
// would: @alicloud/pop-core (signature V1, RAM and VOD) and @alicloud/ram20150501 (the generated SDK,
// signature V3 via @alicloud/openapi-core). Every answer and error code is asserted as the SDK
// surfaces it.
//
//   ACSCONF_MOCK_URL=http://127.0.0.1:PORT node --test sdk.test.mjs
// scripts/test.d/sdk.sh starts `acsconf serve --listen 127.0.0.1:0` and sets the variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createHmac, randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
const RPCClient = require('@alicloud/pop-core').RPCClient;
const Ram = require('@alicloud/ram20150501');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const endpoint = process.env.ACSCONF_MOCK_URL;
if (!endpoint) {
  console.error('sdk.test.mjs: set ACSCONF_MOCK_URL to the mock endpoint, e.g. http://127.0.0.1:8080');
  process.exit(2);
}
// The documented public test pair of the mock (mock/README.md), unless the mock was started with
// ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, which it then uses for the main account.
const accessKeyId = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID || 'acsconf-test-ak';
const accessKeySecret = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET || 'acsconf-test-secret';
// A token unique to this run so names never collide with an earlier run against the same server.
const run = Math.random().toString(36).slice(2, 10);

function popClient(apiVersion, secret = accessKeySecret) {
  return new RPCClient({ accessKeyId, accessKeySecret: secret, endpoint, apiVersion });
}

function ramV3Client(secret = accessKeySecret) {
  const url = new URL(endpoint);
  const config = new $OpenApiUtil.Config({
    accessKeyId, accessKeySecret: secret, endpoint: url.host, protocol: 'http',
  });
  return new Ram.default(config);
}

// pop-core sends POST with the parameters in the query by default; method GET is tested too.
const postOpts = { method: 'POST', formatParams: false };

// RFC 3986 percent-encoding as V1 signs it (facts: '*' → %2A, '~' kept).
const rfc3986 = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// A V1-signed form body for a call pop-core cannot address (the control route is not at '/').
function signedV1Form(method, params) {
  const all = {
    ...params,
    Version: '2015-05-01', Format: 'JSON', AccessKeyId: accessKeyId, SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0', SignatureNonce: randomUUID(), Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const canonical = Object.keys(all).sort().map((k) => `${rfc3986(k)}=${rfc3986(all[k])}`).join('&');
  const toSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  const signature = createHmac('sha1', `${accessKeySecret}&`).update(toSign).digest('base64');
  return `${canonical}&Signature=${rfc3986(signature)}`;
}

async function rejectsWithCode(promise, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.code, code, `expected SDK error code ${code}, got ${err.code}: ${err.message}`);
    return true;
  });
}

test('pop-core V1: create user and policy, attach, detach, detach again', async () => {
  const ram = popClient('2015-05-01');
  const user = `${run}-v1user`;
  const policy = `${run}-v1policy`;
  const created = await ram.request('CreateUser', { UserName: user }, postOpts);
  assert.equal(created.User.UserName, user);
  assert.match(created.RequestId, /^[0-9A-F-]{36}$/);
  const document = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] });
  const createdPolicy = await ram.request('CreatePolicy', { PolicyName: policy, PolicyDocument: document }, postOpts);
  assert.equal(createdPolicy.Policy.PolicyName, policy);
  await ram.request('AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: policy, UserName: user }, postOpts);

  const listed = await ram.request('ListPoliciesForUser', { UserName: user }, postOpts);
  assert.ok(listed.Policies.Policy.some((p) => p.PolicyName === policy), 'attached policy is listed');

  const detached = await ram.request('DetachPolicyFromUser',
    { PolicyType: 'Custom', PolicyName: policy, UserName: user }, postOpts);
  assert.deepEqual(Object.keys(detached), ['RequestId'], 'DetachPolicyFromUser answers only RequestId');

  await rejectsWithCode(ram.request('DetachPolicyFromUser',
    { PolicyType: 'Custom', PolicyName: policy, UserName: user }, postOpts), 'EntityNotExist.User.Policy');
});

test('pop-core V1 over GET: bad PolicyType and unknown user', async () => {
  const ram = popClient('2015-05-01');
  await rejectsWithCode(ram.request('DetachPolicyFromUser',
    { PolicyType: 'Sytem', PolicyName: 'ReadOnlyAccess', UserName: `${run}-x` }, { method: 'GET' }),
  'InvalidParameter.PolicyType');
  await rejectsWithCode(ram.request('DetachPolicyFromUser',
    { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: `${run}-nobody` }, { method: 'GET' }),
  'EntityNotExist.User');
});

test('pop-core V1: a wrong secret gives SignatureDoesNotMatch', async () => {
  const ram = popClient('2015-05-01', 'not-the-secret');
  await rejectsWithCode(ram.request('DetachPolicyFromUser',
    { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: `${run}-u` }, postOpts),
  'SignatureDoesNotMatch');
});

test('ram20150501 V3: create, attach, detach, detach again, bad PolicyType, wrong secret', async () => {
  const client = ramV3Client();
  const user = `${run}-v3user`;
  const created = await client.createUser(new Ram.CreateUserRequest({ userName: user }));
  assert.equal(created.statusCode, 200);
  assert.equal(created.body.user.userName, user);
  await client.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({
    policyType: 'System', policyName: 'ReadOnlyAccess', userName: user,
  }));
  const detach = new Ram.DetachPolicyFromUserRequest({
    policyType: 'System', policyName: 'ReadOnlyAccess', userName: user,
  });
  const detached = await client.detachPolicyFromUser(detach);
  assert.equal(detached.statusCode, 200);
  assert.match(detached.body.requestId, /^[0-9A-F-]{36}$/);

  await rejectsWithCode(client.detachPolicyFromUser(detach), 'EntityNotExist.User.Policy');
  await rejectsWithCode(client.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest({
    policyType: 'Everything', policyName: 'ReadOnlyAccess', userName: user,
  })), 'InvalidParameter.PolicyType');
  await rejectsWithCode(ramV3Client('not-the-secret').detachPolicyFromUser(detach), 'SignatureDoesNotMatch');
});

test('pop-core V1 against VOD 2017-03-21: attach and detach an app policy', async () => {
  // The multi-application service is a precondition, not an API: the mock's control route sets it
  // (on with `serve --test-control`; it takes only calls V1-signed by the main AccessKey).
  const control = await fetch(new URL('/_acsconf/precondition', endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: signedV1Form('POST', { Action: 'SetPrecondition', name: 'vod.multiAppService', value: 'open' }),
  });
  assert.equal(control.status, 200);

  const ram = popClient('2015-05-01');
  const vod = popClient('2017-03-21');
  const created = await ram.request('CreateUser', { UserName: `${run}-vod` }, postOpts);
  const userId = created.User.UserId;
  const app = await vod.request('CreateAppInfo', { AppName: `${run}-app` }, postOpts);
  assert.match(app.AppId, /^app-/);

  const identity = { IdentityType: 'RamUser', IdentityName: userId, AppId: app.AppId };
  await vod.request('AttachAppPolicyToIdentity', { ...identity, PolicyNames: 'VODAppReadOnlyAccess' }, postOpts);
  const detached = await vod.request('DetachAppPolicyFromIdentity',
    { ...identity, PolicyNames: 'VODAppReadOnlyAccess,NoSuchPolicy' }, postOpts);
  assert.match(detached.RequestId, /^[0-9A-F-]{36}$/);
  assert.deepEqual(detached.NonExistPolicyNames, ['NoSuchPolicy']);
  const after = await vod.request('ListAppPoliciesForIdentity', identity, postOpts);
  const names = (after.AppPolicyList || []).map((p) => p.PolicyName);
  assert.ok(!names.includes('VODAppReadOnlyAccess'), `detached policy still listed: ${names}`);

  await rejectsWithCode(vod.request('DetachAppPolicyFromIdentity',
    { ...identity, IdentityType: 'RamGroup', PolicyNames: 'VODAppReadOnlyAccess' }, postOpts),
  'InvalidParameter');
});
