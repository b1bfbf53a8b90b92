// Preload (node --import) that blocks every way a process can reach the network: each attempt
// is appended to the file named by CHRONOLOGY_NETWORK_LOG and then throws.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.CHRONOLOGY_NETWORK_LOG;

function blocked(what) {
  return function refuse() {
    if (log) appendFileSync(log, `${what}\n`);
    throw new Error(`network access blocked: ${what}`);
  };
}

net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
tls.connect = blocked('tls.connect');
dgram.Socket.prototype.send = blocked('dgram.send');
dns.lookup = blocked('dns.lookup');
dns.resolve = blocked('dns.resolve');
dns.promises.lookup = blocked('dns.promises.lookup');
dns.promises.resolve = blocked('dns.promises.resolve');
http.request = blocked('http.request');
http.get = blocked('http.get');
https.request = blocked('https.request');
https.get = blocked('https.get');
globalThis.fetch = blocked('fetch');
globalThis.WebSocket = blocked('WebSocket');
