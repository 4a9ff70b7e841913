/** The page ↔ worker protocol: message types, run-time validation, request correlation and shared memory. */
export * from './messages';
export { isGraphicsCommand, isTurtleEvent, type GraphicsCommand, type GraphicsOp, type TurtleEvent } from './graphics';
export * from './errors';
export { Channel, type ChannelOptions, type MessageEndpoint, type RequestBody, type RequestKind } from './Channel';
export { EventQueue } from './EventQueue';
export { isReply, isStdinAnswer, parseFromWorker, parseToWorker, type ParseResult } from './validate';
export {
  SIGINT,
  STDIN_CAPACITY,
  StdinMailbox,
  createInterruptBuffer,
  interruptPending,
  raiseInterrupt,
  type StdinAnswer,
} from './sharedMemory';
