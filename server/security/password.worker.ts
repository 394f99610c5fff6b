// Runs in the password lane's worker threads: bcrypt never runs on the event loop.
import bcrypt from 'bcryptjs';

export type PasswordTask = { op: 'hash'; password: string; rounds: number } | { op: 'compare'; password: string; hash: string };

export default function run(task: PasswordTask): string | boolean {
  if (task.op === 'hash') return bcrypt.hashSync(task.password, task.rounds);
  return bcrypt.compareSync(task.password, task.hash);
}
