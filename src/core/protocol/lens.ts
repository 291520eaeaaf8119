import type { Result } from '../shared/result';

/**
 * A protocol lens reads the frames of a protocol spoken on top of WebSocket (Socket.IO, GraphQL over
 * WebSocket, JSON-RPC, STOMP, MQTT) and writes them for the user. The raw frames stay the record: a lens adds a
 * decoded view, a composer and the automatic replies the protocol requires; it never hides or rewrites bytes.
 * Every function here is pure and never throws: a malformed frame decodes to `{ ok: false, reason }`.
 */

/** Every lens, `raw` (no lens) first. Stored in saved connections and collection files: never rename one. */
export const LENS_IDS = ['raw', 'socket.io', 'graphql-ws', 'json-rpc', 'stomp', 'mqtt'] as const;

export type LensId = (typeof LENS_IDS)[number];

/** A protocol lens, i.e. every id but `raw`. */
export type ProtocolLensId = Exclude<LensId, 'raw'>;

export const PROTOCOL_LENS_IDS = LENS_IDS.filter((id): id is ProtocolLensId => id !== 'raw') as [
  ProtocolLensId,
  ...ProtocolLensId[],
];

/** One WebSocket message as a lens sees it. */
export interface LensFrame {
  /** `in` = from the server, `out` = sent by this client. */
  direction: 'in' | 'out';
  data: string | ArrayBuffer;
}

/** A labelled fact for the detail pane, e.g. `{ label: 'Topic', value: 'sensors/1' }`. */
export interface LensField {
  label: string;
  value: string;
}

/**
 * Relates the messages of one exchange: a JSON-RPC request and its reply, a Socket.IO emit and its ack, an
 * MQTT PUBLISH and its PUBACK, every message of one GraphQL operation.
 */
export interface Correlation {
  /** Equal keys belong together, e.g. `rpc:"7"`, `ack:/chat:3`, `op:1`, `packet:12`; unique within a lens. */
  key: string;
  /** `request` waits for a `reply` of the same key; `member` is one of a group (all of a GraphQL operation). */
  role: 'request' | 'reply' | 'member';
}

/** One protocol message, decoded. A frame holds one or more (a JSON-RPC batch, MQTT packets back to back). */
export interface ProtocolMessage {
  /** The protocol's own name for the message kind: `EVENT`, `ping`, `next`, `PUBLISH`, `request`. */
  type: string;
  /** One line for the timeline row, e.g. `chat message("hi", 2)` or `sensors/1 QoS 1 retain: {"t":21}`. */
  summary: string;
  /** Labelled facts in reading order for the detail pane: ids, headers, flags, properties, reason codes. */
  fields: LensField[];
  /** The message's payload or body as text (JSON as sent), when it has one; shown below the fields. */
  body?: string;
  /**
   * A plain JSON value describing the message, which scenarios match against (`json-subset`). Its shape is
   * documented by each lens, e.g. Socket.IO `{ type: 'event', namespace: '/', name, args, ackId? }`.
   */
  value: unknown;
  correlation?: Correlation;
  /** Set when the message reports a failure (JSON-RPC error, GraphQL error, STOMP ERROR, refused CONNACK). */
  error?: string;
  /** A sentence explaining the message, e.g. what a disconnect reason means. */
  note?: string;
}

/** The decoded view of one frame, or why it could not be decoded (shown with the raw bytes, never thrown). */
export type DecodedFrame = { ok: true; messages: ProtocolMessage[] } | { ok: false; reason: string };

/** What the machine is told, in the order it happened on the connection. */
export type LensInput =
  /** The socket opened; `protocol` is the negotiated subprotocol ('' when none). */
  | { kind: 'open'; protocol: string }
  /** A frame received, or sent (by the user, by automation or by this lens). */
  | { kind: 'frame'; frame: LensFrame }
  | { kind: 'close' }
  /** The timer the machine asked for is due. */
  | { kind: 'timer' };

/** What the machine asks its shell to do. */
export type LensEffect =
  /** Sends a frame by itself (a pong, a keep-alive, an acknowledgement); the timeline marks it `auto`. */
  | { kind: 'send'; data: string | Uint8Array; label: string }
  /** (Re)schedules the machine's one timer for epoch ms `at`, replacing any scheduled before. */
  | { kind: 'set-timer'; at: number }
  | { kind: 'clear-timer' };

/** Per-connection choices the user makes for a lens. */
export interface LensOptions {
  /**
   * The payload of the handshake the lens sends by itself once the connection opens: Socket.IO's auth for the
   * main namespace (`40{...}`), GraphQL's `connection_init` payload. Undefined sends none (`40`, no payload).
   */
  handshakePayload?: unknown;
}

/**
 * The connection's protocol state machine: `(state, input, now) → { state, effects }`, run by a thin shell
 * that sends and schedules. It answers pings, keeps the connection alive, acknowledges what the protocol
 * requires and counts ids, so the composer can pick the next one.
 */
export interface LensMachine<State> {
  initial(options: LensOptions): State;
  step(state: State, input: LensInput, now: number): { state: State; effects: LensEffect[] };
}

/** A field of a composer form. Values arrive as strings (checkboxes as booleans). */
export type ComposerField =
  | { kind: 'text'; name: string; label: string; initial?: string; placeholder?: string; optional?: boolean }
  /** Multi-line text: JSON arguments, a GraphQL query, a message body. */
  | {
      kind: 'code';
      name: string;
      label: string;
      language: 'json' | 'graphql' | 'text';
      initial?: string;
      optional?: boolean;
    }
  | { kind: 'number'; name: string; label: string; initial?: string; optional?: boolean }
  | {
      kind: 'select';
      name: string;
      label: string;
      options: readonly { value: string; label: string }[];
      initial: string;
    }
  | { kind: 'checkbox'; name: string; label: string; initial?: boolean };

/** One kind of message the user composes: Emit, Subscribe, PUBLISH. */
export interface ComposerForm {
  id: string;
  /** The form's name and its send button's label, e.g. "Emit", "Subscribe". */
  label: string;
  fields: readonly ComposerField[];
}

export type ComposerValues = Readonly<Record<string, string | boolean>>;

/** A frame ready to send: text, or bytes for a binary frame. */
export type OutgoingFrame = string | Uint8Array;

/** A button offered on a decoded message, e.g. "Complete" on a GraphQL subscription's messages. */
export interface LensAction {
  label: string;
  frames: OutgoingFrame[];
}

/**
 * The facts about a frame's connection that decoding needs. The shell keeps one per stretch of the timeline
 * where it holds (from each `open`, and wherever `learn` changes it), so any row decodes on its own.
 */
export interface DecodeContext {
  /** The negotiated subprotocol ('' when none), e.g. `graphql-ws` (legacy) or `graphql-transport-ws`. */
  protocol: string;
  /** MQTT: the protocol level the client asked for in CONNECT (4 = 3.1.1, 5 = 5.0); absent before it. */
  mqttLevel?: number;
  /**
   * Socket.IO: binary frames still expected as attachments of an earlier packet in `direction` (the header
   * `451-["upload",{"_placeholder":true,"num":0}]` is followed by one binary frame per attachment).
   */
  attachments?: { direction: 'in' | 'out'; of: string; next: number; count: number };
}

/** Everything one protocol lens does. `State` is the machine's, owned by the connection. */
export interface Lens<State = unknown> {
  id: ProtocolLensId;
  /** Decodes one frame, never throwing. */
  decode(frame: LensFrame, context: DecodeContext): DecodedFrame;
  /**
   * What a frame teaches about the connection (MQTT's CONNECT sets `mqttLevel`): returns `context` itself
   * when nothing changes, which is nearly always, since it runs on every frame.
   */
  learn?(context: DecodeContext, frame: LensFrame): DecodeContext;
  machine: LensMachine<State>;
  forms: readonly ComposerForm[];
  /**
   * Writes what the user composed in form `formId`, taking ids (the next JSON-RPC id, GraphQL operation id,
   * MQTT packet id) from `state`. Invalid input is an error naming the field, e.g. `Arguments: not JSON: …`.
   */
  encode(formId: string, values: ComposerValues, state: State): Result<OutgoingFrame[], string>;
  /**
   * The address to open for what the user typed, e.g. Socket.IO's `/socket.io/?EIO=4&transport=websocket`;
   * absent when the typed URL is opened as it is.
   */
  connectUrl?(url: string): Result<string, string>;
  /** Buttons for a decoded message, e.g. complete/stop for a running GraphQL operation. */
  actions?(message: ProtocolMessage, state: State): LensAction[];
}
