using Infra;
using Pulumi;

// The platform stack: everything it deploys comes from Pulumi.<stack>.yaml, checked before anything is registered.
return await Deployment.RunAsync<PlatformStack>();
