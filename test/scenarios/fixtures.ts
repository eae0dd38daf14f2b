// Small templates and error messages the flow tests and scenarios share (written for the project, not corpus copies).

export const TEMPLATES = {
  /** HPC Pack style: the Windows head node is the return proxy. */
  windowsProxy: `[cluster hpcpack]
[[node defaults]]
ImageName = cycle.image.win2016
[[node scheduler]]
IsReturnProxy = true
[[[network-interface eth0]]]
AssociatePublicIpAddress = true
[[nodearray cn]]
MaxCoreCount = 64
`,
  /** The proxy switched on for every execute node. */
  proxyOnNodearray: `[cluster slurm]
[[node scheduler]]
ImageName = cycle.image.ubuntu22
[[nodearray hpc]]
ImageName = cycle.image.ubuntu22
IsReturnProxy = true
`,
};

export const MESSAGES = {
  timeout9443: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
  proxyRefused: 'Connection refused while connecting to the return-proxy tunnel at https://10.1.0.5:37140',
};
