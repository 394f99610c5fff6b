// The baseline server: a bare Fastify hello-world on 127.0.0.1, in its own process.
import Fastify from 'fastify';
import { sendToParent, type Message } from '../lib/child.js';

const app = Fastify({ logger: false, keepAliveTimeout: 5_000 });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const stop = () => void app.close().then(() => process.exit(0));
process.on('message', (m: Message) => {
  if (m.type === 'stop') stop();
});
process.on('disconnect', stop);
sendToParent({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
