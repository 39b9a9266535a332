// A real SMTP server (smtp-server) on loopback that keeps what it receives: the worker's
// notification test, and the api's and web's account tests (reset and verification links), read
// the emails the worker really sent.

import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelopeTo: string[];
  authenticatedAs: unknown;
  headers: Map<string, string>;
  text: string;
}

export interface TestSmtp {
  port: number;
  /** Messages to this address, in the order they arrived. */
  mailsTo(address: string): ReceivedMail[];
  /** The first message to `address` whose text matches, once it arrived (polls; throws after `timeoutMs`). */
  waitForMail(address: string, matching?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Headers (unfolded, names lower-cased) and the decoded text of a single-part message. */
function parseMessage(raw: string): Pick<ReceivedMail, "headers" | "text"> {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let text = raw.slice(split + 4);
  if (headers.get("content-transfer-encoding") === "quoted-printable") {
    text = text
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

/**
 * Listens on loopback (port 0: any free one). With `account`, mail is taken only after logging
 * in with it (as a relay would); without, from anyone.
 */
export async function startSmtp(
  port: number,
  account?: { user: string; password: string },
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: !account,
    logger: false,
    onAuth(auth, _session, callback) {
      if (account && auth.username === account.user && auth.password === account.password)
        callback(null, { user: auth.username });
      else callback(new Error("invalid credentials"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          envelopeTo: session.envelope.rcptTo.map((a) => a.address),
          authenticatedAs: session.user,
          ...parseMessage(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address();
  const mailsTo = (to: string) => received.filter((mail) => mail.envelopeTo.includes(to));
  return {
    port: typeof address === "object" && address ? address.port : port,
    mailsTo,
    async waitForMail(to, matching, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = mailsTo(to).find((m) => !matching || matching.test(m.text));
        if (mail) return mail;
        if (Date.now() > deadline)
          throw new Error(`no email to ${to}${matching ? ` matching ${matching}` : ""}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
