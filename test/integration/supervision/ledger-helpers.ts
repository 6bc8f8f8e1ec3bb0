import { DataSource } from 'typeorm';
import { Role } from '../../../src/auth/roles';
import { hubToday } from '../../../src/common/calendar';
import { Fixtures } from '../../helpers/fixtures';
import { TestHub } from '../../helpers/server';

/** A date `days` after (or before, negative) today in the hub's calendar. */
export function dayFromToday(days: number): string {
  const [y, m, d] = hubToday().split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export const FINDING_FIELDS = `
  id number state version dueOn closedOn overdue description severity indicatorCode districtCode
  school { code } visit { id visitId } allowedActions
  evidence { id fileName contentType byteSize sha256 downloadPath }
  history { action fromState toState version actor actorRole reason plan note dueOn effectiveOn requestId evidence { id } }
`;

export const PAYLOAD = (object = `finding { ${FINDING_FIELDS} } event { id action version }`) =>
  `${object} userErrors { field code message messageCode messageParams } replayed`;

export const RECORD_VISIT = `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id visitId visitedOn round inspectors district { code } school { code } findings { id } } findings { ${FINDING_FIELDS} } ${PAYLOAD('')} } }`;
export const RAISE = `mutation ($input: RaiseFindingInput!) { raiseFinding(input: $input) { ${PAYLOAD()} } }`;
export const RESPOND = `mutation ($input: RespondToFindingInput!) { respondToFinding(input: $input) { ${PAYLOAD()} } }`;
export const SUBMIT = `mutation ($input: SubmitRectificationInput!) { submitRectification(input: $input) { ${PAYLOAD()} } }`;
export const RETURN = `mutation ($input: ReturnFindingInput!) { returnFinding(input: $input) { ${PAYLOAD()} } }`;
export const CLOSE = `mutation ($input: CloseFindingInput!) { closeFinding(input: $input) { ${PAYLOAD()} } }`;
export const REOPEN = `mutation ($input: ReopenFindingInput!) { reopenFinding(input: $input) { ${PAYLOAD()} } }`;

/** Two districts, each with two schools: 沙坪坝区 (500106) where the work happens, 渝中区 (500103) beside it. */
export async function twoDistricts(ds: DataSource): Promise<void> {
  const fx = new Fixtures(ds);
  await fx.districts({ code: '500106', name: '沙坪坝区' }, { code: '500103', name: '渝中区' });
  await fx.schools(
    { code: '3500106001', districtCode: '500106', name: '沙坪坝区第一小学' },
    { code: '3500106002', districtCode: '500106', name: '沙坪坝区第二小学' },
    { code: '3500103001', districtCode: '500103', name: '渝中区第一小学' },
  );
}

export interface Actors {
  supervisor: TestHub;
  officer: TestHub;
  otherOfficer: TestHub;
  analyst: TestHub;
}

export function actors(hub: TestHub): Actors {
  return {
    supervisor: hub.as({ role: Role.SUPERVISOR, subject: 'inspector-wang' }),
    officer: hub.as({ role: Role.DISTRICT_OFFICER, district: '500106', subject: 'officer-shapingba' }),
    otherOfficer: hub.as({ role: Role.DISTRICT_OFFICER, district: '500103', subject: 'officer-yuzhong' }),
    analyst: hub.as({ role: Role.ANALYST, subject: 'analyst-li' }),
  };
}

export { PDF, PNG } from '../../helpers/evidence-files';

export async function upload(hub: TestHub, fileName: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${hub.url}/evidence?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/octet-stream', ...headers }),
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function download(hub: TestHub, path: string) {
  const res = await fetch(`${hub.url}${path}`, { headers: hub.headers() });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
