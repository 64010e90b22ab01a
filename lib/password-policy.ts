/** Pure rules about passwords, shared by the gateway and the console. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
