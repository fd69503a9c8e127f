export * from "./ip";
export * from "./diagnostics";
export * from "./plan";
export * from "./rules";
export * from "./supervisor-workload-network";
export * from "./haproxy-load-balancer";
