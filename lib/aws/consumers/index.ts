export * from "./rules";
export * from "./collect";
export * from "./evaluate";
export * from "./statements";
