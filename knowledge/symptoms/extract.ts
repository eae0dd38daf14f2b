// Lifts the address a message names (URL, host:port or bare IP) from the text right after the matched phrase.
// Works on a bounded window of one line, so the cost never depends on the size of the paste.
import type { SymptomMatch } from '../model.ts';

export type Extracted = SymptomMatch['extracted'];

const WINDOW = 300;
const URL = /https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9][a-z0-9.-]*)(?::(\d{1,5}))?(\/[^\s'"{}<>()[\]]*)?/i;
const HOST_PORT = /(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)+):(\d{1,5})(?!\d)/i;
const BARE_IP = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/;

export function windowAfter(text: string, from: number): string {
  const slice = text.slice(from, from + WINDOW);
  const newline = slice.search(/[\r\n]/);
  return newline === -1 ? slice : slice.slice(0, newline);
}

export function extractAddress(window: string): Extracted {
  const url = URL.exec(window);
  if (url) {
    const host = trimDots(url[1] ?? '');
    const extracted: Extracted = { url: trimDots(url[0]), host };
    const port = validPort(url[2]);
    if (port !== undefined) extracted.port = port;
    return extracted;
  }
  const hostPort = HOST_PORT.exec(window);
  if (hostPort) {
    const extracted: Extracted = { host: hostPort[1] ?? '' };
    const port = validPort(hostPort[2]);
    if (port !== undefined) extracted.port = port;
    return extracted;
  }
  const ip = BARE_IP.exec(window);
  return ip ? { host: ip[0] } : {};
}

function validPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

function trimDots(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 46 /* . */) end--;
  return text.slice(0, end);
}

/** RFC 1918 IPv4 ranges: an address only reachable inside the VNet, through peering, or over a VPN. */
export function isPrivateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = 0, b = 0] = parts;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
