// HTTP shapes of the FTP receiver's admin routes (API.md, "FTP receiver").
import { Type, type Static } from 'typebox';

/** Why a camera's file was not taken (the dashboard words it in the operator's language). */
export const FtpFileProblem = Type.Union([
  Type.Literal('not_jpeg'), // RAW or video, refused by name before the transfer
  Type.Literal('too_large'),
  Type.Literal('aborted'),
  Type.Literal('cut_off'),
  Type.Literal('incomplete'),
  Type.Literal('empty_file'),
  Type.Literal('unsupported_format'),
  Type.Literal('unreadable_image'),
  Type.Literal('image_too_large'),
  Type.Literal('disk_full'),
  Type.Literal('event_gone'),
]);
export type FtpFileProblem = Static<typeof FtpFileProblem>;

export const FtpCamera = Type.Object({
  address: Type.String({ description: "the camera's IP address: one camera per address" }),
  connected: Type.Boolean(),
  lastSeenAt: Type.Union([Type.String({ description: 'ISO 8601' }), Type.Null()]),
  photos: Type.Integer({ description: 'files taken as new photos' }),
  duplicates: Type.Integer({ description: 'files already received (same bytes)' }),
  refused: Type.Integer({ description: 'files refused: not an image FindMe takes' }),
  lost: Type.Integer({ description: 'transfers cut off, aborted or too large: nothing kept' }),
  lastError: Type.Union([
    Type.Object({
      at: Type.String(),
      /** What the camera was told (English, FTP's own words). */
      message: Type.String(),
      reason: FtpFileProblem,
      file: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type FtpCamera = Static<typeof FtpCamera>;

/** GET /api/admin/events/:id/ftp: the contract's five fields, then what the dashboard shows. */
export const FtpAccess = Type.Object({
  enabled: Type.Boolean(),
  host: Type.String({ description: "the laptop's LAN IP address cameras connect to" }),
  port: Type.Integer({ description: 'the control port (passive mode)' }),
  username: Type.String(),
  password: Type.String(),
  passivePorts: Type.String({ description: 'the passive data port range, "min-max"' }),
  ftps: Type.Boolean({ description: 'explicit FTPS (AUTH TLS) is offered' }),
  tlsFingerprint: Type.Union([Type.String({ description: "SHA-256 of the receiver's certificate, for cameras that ask to trust it" }), Type.Null()]),
  listening: Type.Boolean({ description: 'the receiver is listening (false when FTP is on but its port could not be opened)' }),
  problem: Type.Union([Type.String(), Type.Null()]),
  /** Why the receiver cannot listen, for the dashboard's words: its port is taken, needs admin rights, or another failure. */
  problemCode: Type.Union([Type.Literal('port_in_use'), Type.Literal('port_needs_admin'), Type.Literal('start_failed'), Type.Null()]),
  cameras: Type.Array(FtpCamera),
});
export type FtpAccess = Static<typeof FtpAccess>;

export const FtpSwitch = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
export type FtpSwitch = Static<typeof FtpSwitch>;
